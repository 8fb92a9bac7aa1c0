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
import org.openitb.therapy.prescription.Prescription;

/**
 * One pump under test for the contracts ({@link LinkFaultContract}, {@link PumpFaultContract}): the fake
 * ({@link FakePumpBench}) or the real firmware on simulated hardware ({@link VirtualPumpBench}), running the
 * therapy it was made with, 12 mL in its reservoir, behind a real link endpoint, and what the tests need to see
 * of it: what it runs, which requests it handled, its clock, the world around it (a magnetic field).
 */
interface PumpBench extends AutoCloseable {
  /** MRI field strength of a 1.5 T scanner. */
  long MRI_MILLITESLA = 1500;
  /** The motor-stall alarm's code on the link (firmware/TELEMETRY.md, alarm codes). */
  int MOTOR_STALL_ALARM = 7;

  /** The faults of {@link #transport()} and {@link #patientDevice()}: armed per test. */
  DropFrames faults();

  PumpSession.Builder sessionBuilder();

  /** A clinician programmer with fresh randomness. */
  ProgrammerEndpoint endpointForClinician();

  /** A link through {@link #faults()}. */
  Transport transport();

  /** A link through {@code fault} instead. */
  Transport transport(FrameFault fault);

  /** The patient's bolus device, on a link through {@link #faults()}. */
  PatientDevice patientDevice();

  /**
   * Nurse B confirming with a second clinician's credential the pump trusts, which co-signs what the pump's model
   * requires a second person for. (The fake pump does not check co-signatures; the firmware refuses without one.)
   */
  Confirmation secondPerson();

  /** The prescription the pump runs. */
  Optional<Prescription> prescription();

  /** The requests the pump handled (accepted), in order; retransmissions the link answered from its cache are not handled again. */
  List<MessageType> requestTypes();

  void advance(Duration d);

  /**
   * An MRI: a {@link #MRI_MILLITESLA} field from now for {@code field}, then time moves on by {@code advance}
   * (the field has ended when {@code advance >= field}; otherwise the patient is still in the scanner).
   */
  void magneticField(Duration field, Duration advance);

  default PumpSession session() {
    return sessionBuilder().open(endpointForClinician(), transport());
  }

  @Override
  void close();

  /** Makes a fresh pump running {@code therapy}. */
  interface Factory {
    PumpBench open(Therapy therapy);
  }
}
