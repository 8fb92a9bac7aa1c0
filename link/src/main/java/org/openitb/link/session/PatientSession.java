// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import org.openitb.link.message.PatientBolusReply;
import org.openitb.link.message.PatientBolusRequest;
import org.openitb.link.message.PatientStatusReport;
import org.openitb.link.message.PatientStatusRequest;
import org.openitb.link.message.SessionAccept;
import org.openitb.therapy.units.Mass;

/**
 * An open patient-device session. It can encode exactly two requests: its status and a bolus of
 * the prescribed dose. The pump decides (lockout, daily count, dose) and always answers plainly:
 * granted, or refused with a reason, with the doses left today and the lockout remaining.
 */
public final class PatientSession implements AutoCloseable {
  private final ClientChannel channel;

  PatientSession(ClientChannel channel) {
    this.channel = channel;
  }

  public String pumpSerial() {
    return channel.pumpSerial;
  }

  public SessionAccept accept() {
    return channel.accept;
  }

  public LinkStats stats() {
    return channel.stats.snapshot();
  }

  public PatientStatusReport status() {
    return channel.exchange(new PatientStatusRequest(), false, PatientStatusReport.class);
  }

  /** Requests one bolus of {@code expectedDose}, the dose the device showed from {@link #status()}. */
  public PatientBolusReply requestBolus(Mass expectedDose) {
    return channel.exchange(new PatientBolusRequest(expectedDose), false, PatientBolusReply.class);
  }

  @Override
  public void close() {
    channel.close();
  }
}
