// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.util.ArrayList;
import java.util.List;
import org.openitb.link.Role;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.AlarmTest;
import org.openitb.link.message.ClearAlarms;
import org.openitb.link.message.CommandAck;
import org.openitb.link.message.EventsPage;
import org.openitb.link.message.EventsSince;
import org.openitb.link.message.LogEvent;
import org.openitb.link.message.PatientStatusReport;
import org.openitb.link.message.PatientStatusRequest;
import org.openitb.link.message.ProgrammerRequest;
import org.openitb.link.message.ProposeTherapy;
import org.openitb.link.message.Reply;
import org.openitb.link.message.SessionAccept;
import org.openitb.link.message.StatusReport;
import org.openitb.link.message.StatusRequest;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyPreview;
import org.openitb.link.message.TherapyRead;
import org.openitb.link.message.TherapyReport;
import org.openitb.link.message.WireLimits;

/**
 * An open clinician or read-only session. It can read and propose, but has no method that
 * encodes a delivery change: for that a clinician calls {@link #arm()}, which returns an
 * {@link ArmedSession} good for exactly one change. Every call is one round trip (more only when
 * frames are lost); a refusal by the pump is a {@link PumpRefusedException}.
 */
public final class ProgrammerSession implements AutoCloseable {
  private final ClientChannel channel;

  ProgrammerSession(ClientChannel channel) {
    this.channel = channel;
  }

  public Role role() {
    return channel.role;
  }

  /** The pump's serial number, proven by its signature during set-up. */
  public String pumpSerial() {
    return channel.pumpSerial;
  }

  /** The pump's accept: granted role, session lifetime and idle timeout, pump clock at set-up. */
  public SessionAccept accept() {
    return channel.accept;
  }

  /** Frames, bytes and round trips so far, session set-up included. */
  public LinkStats stats() {
    return channel.stats.snapshot();
  }

  public StatusReport status() {
    return channel.exchange(new StatusRequest(), false, StatusReport.class);
  }

  public TherapyReport therapy() {
    return channel.exchange(new TherapyRead(), false, TherapyReport.class);
  }

  /** One page of at most {@code maxEvents} events after {@code afterSequence}. */
  public EventsPage eventsSince(long afterSequence, int maxEvents) {
    return channel.exchange(new EventsSince(afterSequence, maxEvents), false, EventsPage.class);
  }

  /** Every event after {@code afterSequence}, page by page (one round trip per page of {@link WireLimits#MAX_EVENTS_PER_PAGE}). */
  public List<LogEvent> allEventsSince(long afterSequence) {
    List<LogEvent> events = new ArrayList<>();
    long after = afterSequence;
    EventsPage page;
    do {
      page = eventsSince(after, WireLimits.MAX_EVENTS_PER_PAGE);
      events.addAll(page.events());
      if (page.events().isEmpty()) {
        break;
      }
      after = page.events().get(page.events().size() - 1).sequence();
    } while (page.more());
    return events;
  }

  /**
   * Proposes a therapy; the pump validates it and holds it pending, changing nothing. The preview
   * is checked: its checksum must be that of the therapy it shows, so what is committed later is
   * exactly what the clinician reviewed.
   */
  public TherapyPreview propose(Therapy therapy) {
    TherapyPreview preview = channel.exchange(new ProposeTherapy(therapy), false, TherapyPreview.class);
    if (!MessageCodec.checksum(preview.proposed()).equals(preview.checksum())) {
      throw new UnexpectedReplyException("preview checksum " + preview.checksum() + " does not match the therapy it shows");
    }
    if (!MessageCodec.checksum(therapy).equals(preview.checksum())) {
      throw new UnexpectedReplyException("the pump previewed a therapy other than the one proposed");
    }
    return preview;
  }

  public CommandAck clearAlarms(List<Integer> alarmCodes) {
    return channel.exchange(new ClearAlarms(alarmCodes), false, CommandAck.class);
  }

  public CommandAck alarmTest() {
    return channel.exchange(new AlarmTest(), false, CommandAck.class);
  }

  /** What the patient's device would show (read-only). */
  public PatientStatusReport patientStatus() {
    return channel.exchange(new PatientStatusRequest(), false, PatientStatusReport.class);
  }

  /** Sends any request that cannot change delivery and returns the pump's reply. */
  public Reply send(ProgrammerRequest request) {
    return channel.exchange(request, false, Reply.class);
  }

  /**
   * Arms the session for one delivery change, after the user confirmed it. Only a clinician
   * session can be armed; the pump checks the role again on its side.
   */
  public ArmedSession arm() {
    if (channel.role != Role.CLINICIAN) {
      throw new SafetyGateException("a " + channel.role + " session cannot be armed: only a clinician may change delivery");
    }
    if (channel.closed()) {
      throw new SessionClosedException();
    }
    return new ArmedSession(channel);
  }

  /** Ends the session; the pump forgets its keys. */
  @Override
  public void close() {
    channel.close();
  }
}
