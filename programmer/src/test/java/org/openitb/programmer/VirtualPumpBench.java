// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openitb.firmware.LogEntry;
import org.openitb.firmware.PumpEvent;
import org.openitb.link.Role;
import org.openitb.link.message.Direction;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.Therapy;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.transport.FrameFault;
import org.openitb.link.transport.Transport;
import org.openitb.programmer.fake.DropFrames;
import org.openitb.programmer.fake.Rig;
import org.openitb.simulator.VirtualPump;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Volume;

/**
 * {@link PumpBench} on the real firmware on simulated hardware ({@link VirtualPump}, a test-scope dependency: the
 * programmer's main code still reaches pumps only through the link), implanted with the therapy and 12 mL. What the
 * pump handled is read from its own log: every accepted request frame. The magnetic field is the simulated
 * hardware's: the rotor really stalls and the firmware detects and logs it.
 */
final class VirtualPumpBench implements PumpBench {
  private final VirtualPump vp;
  private final DropFrames faults = new DropFrames();

  VirtualPumpBench(Therapy therapy) {
    vp = VirtualPump.builder(15_006L).manualClock().prescription(therapy.prescription()).fill(Volume.ofMillilitres(12))
        .lowReservoirAlarm(therapy.lowReservoirAlarm()).build();
  }

  @Override
  public DropFrames faults() {
    return faults;
  }

  @Override
  public PumpSession.Builder sessionBuilder() {
    return PumpSession.builder().operator(Rig.DR_A).patient(Rig.PATIENT).library(vp.drugLibrary())
        .programmerId(vp.credentials().clinician().deviceId());
  }

  @Override
  public ProgrammerEndpoint endpointForClinician() {
    return vp.credentials().endpoint(Role.CLINICIAN, vp.drugLibrary());
  }

  @Override
  public Transport transport() {
    return vp.connect(faults);
  }

  @Override
  public Transport transport(FrameFault fault) {
    return vp.connect(fault);
  }

  @Override
  public PatientDevice patientDevice() {
    return PatientDevice.open(vp.credentials().endpoint(Role.PATIENT, vp.drugLibrary()), vp.connect(faults));
  }

  @Override
  public Confirmation secondPerson() {
    return new Confirmation(Rig.NURSE_B.by(), Rig.NURSE_B.role(), Optional.of(vp.credentials().secondClinician().orElseThrow()));
  }

  @Override
  public Optional<Prescription> prescription() {
    return vp.status().prescription();
  }

  @Override
  public List<MessageType> requestTypes() {
    return vp.eventsSince(0).stream().map(LogEntry::event)
        .filter(e -> e instanceof PumpEvent.TelemetryFrame f && f.verdict().accepted())
        .map(e -> MessageType.fromCode(((PumpEvent.TelemetryFrame) e).messageType()).orElseThrow())
        .filter(t -> t.direction() == Direction.TO_PUMP)
        .toList();
  }

  @Override
  public void advance(Duration d) {
    vp.advance(d);
  }

  @Override
  public void magneticField(Duration field, Duration advance) {
    vp.magneticField(field, MRI_MILLITESLA);
    vp.advance(advance);
  }

  @Override
  public void close() {
    vp.close();
  }
}
