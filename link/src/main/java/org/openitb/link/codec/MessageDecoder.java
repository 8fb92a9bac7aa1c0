// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openitb.link.Role;
import org.openitb.link.message.*;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * Reads message bodies. Every range is checked as the field is read, then the record's own
 * constructor checks the rest; whatever fails becomes a {@link MalformedMessageException}. The
 * switch is exhaustive over {@link MessageType}.
 */
final class MessageDecoder {
  private final DrugLibrary library;

  MessageDecoder(DrugLibrary library) {
    this.library = library;
  }

  Message decode(MessageType type, byte[] body) {
    if (body.length > WireLimits.MAX_BODY_BYTES) {
      throw new MalformedMessageException("body", body.length + " bytes exceeds " + WireLimits.MAX_BODY_BYTES);
    }
    BodyReader r = new BodyReader(body);
    Message m = Build.value(type.name(), () -> read(type, r));
    r.end();
    return m;
  }

  /** A second clinician's co-signature after a command's own fields (link/PROTOCOL.md 4.3, 4.4, 8.10). */
  private static CoSignature coSignature(BodyReader r) {
    String cosigner = r.str("co-signer", 1, WireLimits.MAX_DEVICE_ID_CHARS);
    try {
      return new CoSignature(cosigner, r.bytes("co-signature", WireLimits.ED25519_SIGNATURE_BYTES));
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("co-signer", e.getMessage());
    }
  }

  private Message read(MessageType type, BodyReader r) {
    return switch (type) {
      case SESSION_HELLO -> {
        int min = r.u8("min version", 1, 255);
        int max = r.u8("max version", 1, 255);
        Role role = role(r);
        String id = r.str("device id", 1, WireLimits.MAX_DEVICE_ID_CHARS);
        Octets ephemeral = r.bytes("ephemeral key", WireLimits.X25519_KEY_BYTES);
        if (!SessionHello.signed(max)) {
          yield new SessionHello(min, max, role, id, ephemeral);
        }
        long counter = r.i64("counter", 1, WireLimits.MAX_HELLO_COUNTER);
        yield new SessionHello(min, max, role, id, ephemeral, counter, r.bytes("signature", WireLimits.ED25519_SIGNATURE_BYTES));
      }
      case SESSION_CHALLENGE -> new SessionChallenge(
          r.u8("version", 1, 255), r.str("pump serial", 1, WireLimits.MAX_DEVICE_ID_CHARS),
          r.bytes("ephemeral key", WireLimits.X25519_KEY_BYTES), r.bytes("signature", WireLimits.ED25519_SIGNATURE_BYTES));
      case SESSION_RESPONSE -> new SessionResponse(r.bytes("signature", WireLimits.ED25519_SIGNATURE_BYTES));
      case SESSION_ACCEPT -> new SessionAccept(
          role(r), r.u16("lifetime s", 1, WireLimits.MAX_SESSION_SECONDS), r.u16("idle timeout s", 1, WireLimits.MAX_SESSION_SECONDS),
          r.i64("pump time ms", 0, WireLimits.MAX_TIME_MILLIS));
      case SESSION_REFUSED -> new SessionRefused(code(r, "reason", SessionRefusal.values()), r.u32("retry after ms"));
      case SESSION_CLOSE -> new SessionClose();
      case STATUS_REQUEST -> new StatusRequest();
      case STATUS_REPORT -> statusReport(r);
      case THERAPY_READ -> new TherapyRead();
      case THERAPY_REPORT -> new TherapyReport(optionalTherapy(r, "therapy present"), checksum(r));
      case EVENTS_SINCE -> new EventsSince(r.u32("after sequence"), r.u8("max events", 1, WireLimits.MAX_EVENTS_PER_PAGE));
      case EVENTS_PAGE -> eventsPage(r);
      case PROPOSE_THERAPY -> new ProposeTherapy(TherapyCodec.decode(r, library));
      case THERAPY_PREVIEW -> new TherapyPreview(optionalTherapy(r, "current present"), TherapyCodec.decode(r, library), checksum(r));
      case COMMIT_THERAPY -> {
        TherapyChecksum sum = checksum(r);
        if (!r.hasMore()) {
          yield new CommitTherapy(sum);
        }
        yield new CommitTherapy(sum, Optional.of(coSignature(r)));
      }
      case COMMIT_ACK -> new CommitAck(checksum(r), r.u32("event sequence"), r.i64("pump time ms", 0, WireLimits.MAX_TIME_MILLIS));
      case CLINICIAN_BOLUS -> new ClinicianBolus(
          Mass.ofNanograms(r.u32("dose", 1, WireLimits.MAX_BOLUS_NG)), minutes(r, "duration", WireLimits.MAX_BOLUS_MINUTES));
      case PRIMING_BOLUS -> new PrimingBolus(
          Volume.ofNanolitres(r.u32("volume", 1, WireLimits.MAX_PRIMING_VOLUME_NL)), minutes(r, "duration", WireLimits.MAX_BOLUS_MINUTES));
      case BRIDGE_BOLUS -> new BridgeBolus(
          Volume.ofNanolitres(r.u32("volume", 1, WireLimits.MAX_BRIDGE_VOLUME_NL)), minutes(r, "duration", WireLimits.MAX_BRIDGE_MINUTES));
      case REFILL -> {
        Volume reservoir = Volume.ofNanolitres(r.u32("reservoir volume", 1, WireLimits.MAX_VOLUME_NL));
        var drug = TherapyCodec.drugByName(library, r.str("drug", 1, WireLimits.MAX_DRUG_NAME_CHARS));
        Concentration c = new Concentration(r.u32("concentration", 1, WireLimits.MAX_CONCENTRATION_NG_PER_ML));
        Volume withdrawn = Volume.ofNanolitres(r.u32("withdrawn volume", 0, WireLimits.MAX_VOLUME_NL));
        yield new Refill(reservoir, drug, c, withdrawn, r.hasMore() ? Optional.of(coSignature(r)) : Optional.empty());
      }
      case SET_CLOCK -> new SetClock(
          r.i64("time ms", WireLimits.MIN_CLOCK_MILLIS, WireLimits.MAX_TIME_MILLIS), utcOffset(r));
      case STOP_DELIVERY -> {
        Duration expiry = minutes(r, "expiry", WireLimits.MAX_STOP_MINUTES);
        yield new StopDelivery(expiry, r.hasMore() ? Optional.of(coSignature(r)) : Optional.empty());
      }
      case RESUME_DELIVERY -> new ResumeDelivery();
      case CLEAR_ALARMS -> new ClearAlarms(alarms(r, 1));
      case ALARM_TEST -> new AlarmTest();
      case COMMAND_ACK -> new CommandAck(messageType(r), r.u32("event sequence"), r.i64("pump time ms", 0, WireLimits.MAX_TIME_MILLIS));
      case PATIENT_STATUS_REQUEST -> new PatientStatusRequest();
      case PATIENT_STATUS_REPORT -> {
        long time = r.i64("pump time ms", 0, WireLimits.MAX_TIME_MILLIS);
        boolean[] f = Flags.read(r, "flags", 4);
        Mass dose = Mass.ofNanograms(r.u32("bolus dose", 0, WireLimits.MAX_BOLUS_NG));
        int left = r.u8("doses left today", 0, WireLimits.MAX_PATIENT_BOLUSES_PER_DAY);
        int lockout = (int) r.u32("lockout remaining s", 0, WireLimits.MAX_LOCKOUT_SECONDS);
        yield new PatientStatusReport(time, f[0], dose, left, lockout, f[1], f[2], f[3]);
      }
      case PATIENT_BOLUS_REQUEST -> new PatientBolusRequest(Mass.ofNanograms(r.u32("expected dose", 1, WireLimits.MAX_BOLUS_NG)));
      case PATIENT_BOLUS_REPLY -> new PatientBolusReply(
          code(r, "refusal", BolusRefusal.values()), Mass.ofNanograms(r.u32("dose", 0, WireLimits.MAX_BOLUS_NG)),
          r.u8("doses left today", 0, WireLimits.MAX_PATIENT_BOLUSES_PER_DAY),
          (int) r.u32("lockout remaining s", 0, WireLimits.MAX_LOCKOUT_SECONDS), r.u32("event sequence"));
      case ERROR_REPLY -> new ErrorReply(
          code(r, "code", ErrorCode.values()), r.str("field", 0, WireLimits.MAX_ERROR_FIELD_CHARS),
          r.str("detail", 0, WireLimits.MAX_ERROR_DETAIL_CHARS));
    };
  }

  private StatusReport statusReport(BodyReader r) {
    long time = r.i64("pump time ms", 0, WireLimits.MAX_TIME_MILLIS);
    int offset = utcOffset(r);
    Volume reservoir = Volume.ofNanolitres(r.u32("reservoir", 0, WireLimits.MAX_VOLUME_NL));
    DeliveryState delivery = code(r, "delivery state", DeliveryState.values());
    long stopExpiry = r.i64("stop expiry ms", 0, WireLimits.MAX_TIME_MILLIS);
    DoseRate rate = new DoseRate(r.u32("current rate", 0, WireLimits.MAX_DOSE_RATE_NG_PER_DAY));
    BatteryState battery = code(r, "battery state", BatteryState.values());
    int percent = r.u8("battery %", 0, 100);
    boolean[] f = Flags.read(r, "flags", 2);
    List<Integer> alarms = alarms(r, 0);
    long lastEvent = r.u32("last event sequence");
    return new StatusReport(time, offset, reservoir, delivery, stopExpiry, rate, battery, percent, f[0], f[1], alarms, lastEvent, checksum(r));
  }

  private EventsPage eventsPage(BodyReader r) {
    long oldest = r.u32("oldest available");
    boolean more = r.bool("more");
    int count = r.u8("event count", 0, WireLimits.MAX_EVENTS_PER_PAGE);
    List<LogEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long seq = r.u32("event sequence", 1, WireLimits.MAX_SEQUENCE);
      long time = r.i64("event time", 0, WireLimits.MAX_TIME_MILLIS);
      int code = r.u16("event code");
      long value = r.i64("event value");
      String source = r.str("event source", 0, WireLimits.MAX_EVENT_SOURCE_CHARS);
      events.add(Build.value("event", () -> new LogEvent(seq, time, code, value, source)));
    }
    return new EventsPage(events, oldest, more);
  }

  private Optional<Therapy> optionalTherapy(BodyReader r, String field) {
    return r.bool(field) ? Optional.of(TherapyCodec.decode(r, library)) : Optional.empty();
  }

  private static List<Integer> alarms(BodyReader r, int min) {
    int count = r.u8("alarm count", min, WireLimits.MAX_ALARMS);
    List<Integer> alarms = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      alarms.add(r.u16("alarm code", 1, WireLimits.MAX_ALARM_CODE));
    }
    return alarms;
  }

  private static TherapyChecksum checksum(BodyReader r) {
    return new TherapyChecksum(r.bytes("checksum", WireLimits.CHECKSUM_BYTES));
  }

  private static Duration minutes(BodyReader r, String field, int max) {
    return Duration.ofMinutes(r.u16(field, 1, max));
  }

  private static int utcOffset(BodyReader r) {
    int v = r.i16("utc offset min");
    if (Math.abs(v) > WireLimits.MAX_UTC_OFFSET_MINUTES) {
      throw new MalformedMessageException("utc offset min", v + " outside ±" + WireLimits.MAX_UTC_OFFSET_MINUTES);
    }
    return v;
  }

  private static Role role(BodyReader r) {
    int code = r.u8("role");
    return Role.fromCode(code).orElseThrow(() -> new MalformedMessageException("role", "unknown code " + code));
  }

  private static MessageType messageType(BodyReader r) {
    int code = r.u8("request type");
    return MessageType.fromCode(code).orElseThrow(() -> new MalformedMessageException("request type", "unknown code " + code));
  }

  private static <E extends WireCode> E code(BodyReader r, String field, E[] values) {
    int code = r.u8(field);
    return WireCode.find(values, code).orElseThrow(() -> new MalformedMessageException(field, "unknown code " + code));
  }
}
