// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.Therapy;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.transport.FrameFault;
import org.openitb.link.transport.Transport;
import org.openitb.programmer.fake.DropFrames;
import org.openitb.programmer.fake.Rig;
import org.openitb.therapy.prescription.Prescription;

/** {@link PumpBench} on the test fake (link's {@code FakePump} in a {@link Rig}): fast, but it writes its log with the programmer's own codes. */
final class FakePumpBench implements PumpBench {
  private static final long NO_FIELD = Long.MIN_VALUE;
  private final Rig rig;
  private long fieldEndsAt = NO_FIELD;

  FakePumpBench(Therapy therapy) {
    rig = new Rig(Optional.of(therapy));
  }

  @Override
  public DropFrames faults() {
    return rig.faults;
  }

  @Override
  public PumpSession.Builder sessionBuilder() {
    return rig.sessionBuilder();
  }

  @Override
  public ProgrammerEndpoint endpointForClinician() {
    return rig.endpointForClinician();
  }

  @Override
  public Transport transport() {
    return rig.transport();
  }

  @Override
  public Transport transport(FrameFault fault) {
    return rig.transport(fault);
  }

  @Override
  public PatientDevice patientDevice() {
    return rig.patientDevice();
  }

  @Override
  public Confirmation secondPerson() {
    return rig.nurseBSigned();
  }

  @Override
  public Optional<Prescription> prescription() {
    return rig.pump.therapy().map(Therapy::prescription);
  }

  @Override
  public List<MessageType> requestTypes() {
    return rig.pump.requestTypes();
  }

  @Override
  public void advance(Duration d) {
    long to = rig.clock.getAsLong() + d.toMillis();
    if (fieldEndsAt != NO_FIELD && fieldEndsAt <= to) {
      rig.clock.advance(fieldEndsAt - rig.clock.getAsLong());
      fieldEndsAt = NO_FIELD;
      rig.pump.recover();
    }
    rig.clock.advance(to - rig.clock.getAsLong());
  }

  /** The fake has no motor: the scan is scripted as the firmware logs it (field, stall, stall alarm; when the field ends, recovery). */
  @Override
  public void magneticField(Duration field, Duration advance) {
    rig.pump.stall();
    rig.pump.alarm(MOTOR_STALL_ALARM);
    fieldEndsAt = rig.clock.getAsLong() + field.toMillis();
    advance(advance);
  }

  @Override
  public void close() {
    // nothing held
  }
}
