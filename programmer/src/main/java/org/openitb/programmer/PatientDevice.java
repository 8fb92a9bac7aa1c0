// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.openitb.link.LinkException;
import org.openitb.link.message.BolusRefusal;
import org.openitb.link.message.PatientBolusReply;
import org.openitb.link.message.PatientStatusReport;
import org.openitb.link.session.PatientSession;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.transport.Transport;
import org.openitb.therapy.units.Mass;

/**
 * The patient's hand-held bolus device. It shows the prescribed bolus, the doses left today and
 * the lockout remaining before asking, and every request gets a clear answer: granted, refused
 * with the reason in plain words, or no answer (then the device never asks again blindly: the
 * next status shows whether the bolus was given). The pump decides; the device only asks for the
 * dose it showed.
 */
public final class PatientDevice implements AutoCloseable {
  private final PatientSession session;
  private Display last;

  public PatientDevice(PatientSession session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  public static PatientDevice open(ProgrammerEndpoint endpoint, Transport transport) {
    return new PatientDevice(endpoint.openPatientSession(transport));
  }

  /** What the screen shows. {@code canRequestNow} is the device's reading of the pump's status; the pump still decides. */
  public record Display(
      boolean bolusPrescribed, Mass bolusDose, int dosesLeftToday, Duration lockoutRemaining, boolean canRequestNow, boolean alarmActive,
      boolean reservoirLow, String message) {}

  /** The answer to a bolus request. */
  public sealed interface BolusAnswer permits Granted, Denied, NoAnswer {
    String message();
  }

  public record Granted(Mass dose, int dosesLeftToday, Duration lockoutRemaining, long eventSequence, String message) implements BolusAnswer {}

  /** Refused; {@code askedPump} is false when the device's own display already showed why (nothing was sent). */
  public record Denied(BolusRefusal reason, int dosesLeftToday, Duration lockoutRemaining, boolean askedPump, String message) implements BolusAnswer {}

  public record NoAnswer(String message) implements BolusAnswer {}

  /** Reads the pump and returns what to show. A failure to read is shown as a message, never thrown. */
  public Display show() {
    PatientStatusReport s;
    try {
      s = session.status();
    } catch (LinkException e) {
      return new Display(false, Mass.ZERO, 0, Duration.ZERO, false, false, false,
          "The pump did not answer. Hold the device over your pump and try again.");
    }
    Duration lockout = Duration.ofSeconds(s.lockoutRemainingSeconds());
    Optional<BolusRefusal> blocked = !s.bolusPrescribed() ? Optional.of(BolusRefusal.NO_ALLOWANCE)
        : s.dosesLeftToday() == 0 ? Optional.of(BolusRefusal.DAILY_LIMIT)
        : s.lockoutRemainingSeconds() > 0 ? Optional.of(BolusRefusal.LOCKOUT)
        : s.bolusActive() ? Optional.of(BolusRefusal.BOLUS_ACTIVE) : Optional.empty();
    String message = blocked.map(b -> explain(b, s.dosesLeftToday(), lockout))
        .orElse("Bolus of " + s.bolusDose() + " available; " + s.dosesLeftToday() + " left today.");
    last = new Display(s.bolusPrescribed(), s.bolusDose(), s.dosesLeftToday(), lockout, blocked.isEmpty(), s.alarmActive(), s.reservoirLow(), message);
    return last;
  }

  /** Asks for one bolus of the dose last shown (reading the pump first if nothing was shown yet). */
  public BolusAnswer requestBolus() {
    Display d = last != null ? last : show();
    if (!d.bolusPrescribed() || !d.canRequestNow()) {
      BolusRefusal why = !d.bolusPrescribed() ? BolusRefusal.NO_ALLOWANCE : d.dosesLeftToday() == 0 ? BolusRefusal.DAILY_LIMIT
          : d.lockoutRemaining().isZero() ? BolusRefusal.BOLUS_ACTIVE : BolusRefusal.LOCKOUT;
      last = null;
      return new Denied(why, d.dosesLeftToday(), d.lockoutRemaining(), false, explain(why, d.dosesLeftToday(), d.lockoutRemaining()));
    }
    last = null; // always re-read before the next request
    PatientBolusReply reply;
    try {
      reply = session.requestBolus(d.bolusDose());
    } catch (LinkException e) {
      return new NoAnswer("No answer from the pump: the bolus may or may not have been given. Do not ask again now;"
          + " check the status first, it shows whether it was given.");
    }
    Duration lockout = Duration.ofSeconds(reply.lockoutRemainingSeconds());
    if (reply.granted()) {
      return new Granted(reply.dose(), reply.dosesLeftToday(), lockout, reply.eventSequence(), "Bolus of " + reply.dose() + " started. "
          + reply.dosesLeftToday() + " left today; next possible in " + minutes(lockout) + ".");
    }
    return new Denied(reply.refusal(), reply.dosesLeftToday(), lockout, true, explain(reply.refusal(), reply.dosesLeftToday(), lockout));
  }

  static String explain(BolusRefusal why, int left, Duration lockout) {
    return switch (why) {
      case NONE -> "Granted.";
      case NO_ALLOWANCE -> "No bolus is prescribed on your pump. Contact your clinic if you need one.";
      case LOCKOUT -> "Too soon after your last bolus: next possible in " + minutes(lockout) + ". " + left + " left today.";
      case DAILY_LIMIT -> "You have used all of today's boluses. Contact your clinic if your symptoms are not controlled.";
      case DOSE_MISMATCH -> "Your prescription changed. Check the status again before asking.";
      case DELIVERY_STOPPED -> "Your pump is not delivering. Contact your clinic now.";
      case BOLUS_ACTIVE -> "A bolus is already running. Wait until it ends.";
      case RESERVOIR_LOW -> "Your pump's reservoir is too low for a bolus. Contact your clinic for a refill.";
    };
  }

  private static String minutes(Duration d) {
    long m = (d.toSeconds() + 59) / 60;
    return m + " min";
  }

  @Override
  public void close() {
    session.close();
  }
}
