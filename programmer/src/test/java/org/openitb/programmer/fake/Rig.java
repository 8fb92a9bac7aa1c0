// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer.fake;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.openitb.link.Role;
import org.openitb.link.fixtures.FakePump;
import org.openitb.link.fixtures.ManualClock;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.Therapy;
import org.openitb.link.security.DeviceCredential;
import org.openitb.link.security.PumpCredential;
import org.openitb.link.security.TrustList;
import org.openitb.link.security.TrustedPumps;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.session.PumpEndpoint;
import org.openitb.link.transport.InMemoryTransport;
import org.openitb.programmer.ClinicalRole;
import org.openitb.programmer.Confirmation;
import org.openitb.programmer.EventCodes;
import org.openitb.programmer.Operator;
import org.openitb.programmer.PatientContext;
import org.openitb.programmer.PatientDevice;
import org.openitb.programmer.PumpSession;
import org.openitb.programmer.SessionListener;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * A fake pump (link's published {@link FakePump}, writing the programmer's event codes, 12 mL in the reservoir)
 * behind a real link endpoint, a clinician programmer and a patient device, on one manual clock.
 */
public final class Rig {
  /** The low-reservoir alarm code the fake raises in these tests. */
  public static final int ALARM_LOW_RESERVOIR = 1;

  /** The fake logs in the programmer's own code table: it cannot catch a wrong table (LinkFaultContract runs on the real firmware). */
  static final FakePump.Codes CODES = new FakePump.Codes() {
    private final EventCodes c = EventCodes.DEFAULT;

    @Override
    public int therapyProgrammed() {
      return c.therapyProgrammed();
    }

    @Override
    public int commandAck(MessageType type) {
      return switch (type) {
        case CLINICIAN_BOLUS, PRIMING_BOLUS, BRIDGE_BOLUS -> c.bolusStarted();
        case REFILL -> c.refilled();
        case SET_CLOCK -> c.clockSet();
        case STOP_DELIVERY -> c.therapyStopped();
        case RESUME_DELIVERY -> c.therapyResumed();
        case CLEAR_ALARMS -> c.alarmCleared();
        case ALARM_TEST -> c.alarmTested();
        default -> throw new IllegalArgumentException("not a command: " + type);
      };
    }

    @Override
    public int patientBolusStarted() {
      return c.bolusStarted();
    }

    @Override
    public int alarmRaised() {
      return c.alarmRaised();
    }

    @Override
    public int magnetField() {
      return c.magnetField();
    }

    @Override
    public int stallStarted() {
      return c.stallStarted();
    }

    @Override
    public int stallRecovered() {
      return c.stallRecovered();
    }

    @Override
    public int interrogated() {
      return c.interrogated();
    }
  };

  public static final DrugLibrary LIBRARY = DrugLibrary.standard();
  /** 2026-03-01T09:30:00Z. */
  public static final long T0 = 1_772_357_400_000L;
  public static final String PUMP_SERIAL = "ITB20-000123";
  public static final String PROGRAMMER_ID = "CP-0001";
  public static final Operator DR_A = new Operator("dr.a", ClinicalRole.PHYSICIAN);
  public static final Confirmation NURSE_B = new Confirmation("nurse.b", ClinicalRole.NURSE);
  public static final PatientContext PATIENT = new PatientContext(PumpModels.ITB_20, CatheterModel.GENERIC, 50, Etiology.SPINAL, Optional.empty());

  public final ManualClock clock = new ManualClock(T0);
  public final FakePump pump;
  public final DropFrames faults = new DropFrames();
  private final PumpCredential pumpIdentity = PumpCredential.generate(PUMP_SERIAL, seeded(1));
  private final DeviceCredential clinician = DeviceCredential.generate(PROGRAMMER_ID, Role.CLINICIAN, seeded(2));
  private final DeviceCredential patientDevice = DeviceCredential.generate("PTM-0001", Role.PATIENT, seeded(3));
  private final DeviceCredential secondClinician = DeviceCredential.generate("CP-0002", Role.CLINICIAN, seeded(4));
  private final PumpEndpoint endpoint;
  private int devices;

  public Rig() {
    this(Optional.of(simple(300)));
  }

  public Rig(Optional<Therapy> therapy) {
    pump = new FakePump(clock, therapy, CODES);
    pump.reservoir(Volume.ofMillilitres(12));
    endpoint = PumpEndpoint.builder()
        .identity(pumpIdentity)
        .trust(TrustList.of(clinician.trusted(), patientDevice.trusted(), secondClinician.trusted()))
        .drugLibrary(LIBRARY)
        .handler(pump)
        .proximity(() -> true)
        .clock(clock)
        .random(seeded(5))
        .build();
  }

  /**
   * Nurse B confirming with her own clinician credential, which co-signs what the pump's model requires a second
   * person for (the fake pump does not check co-signatures; the firmware does, see LinkFaultContract).
   */
  public Confirmation nurseBSigned() {
    return new Confirmation(NURSE_B.by(), NURSE_B.role(), Optional.of(secondClinician));
  }

  public PumpSession session() {
    return session(SessionListener.NONE);
  }

  public PumpSession session(SessionListener listener) {
    return sessionBuilder().listener(listener).open(endpointForClinician(), transport());
  }

  public PumpSession.Builder sessionBuilder() {
    return PumpSession.builder().operator(DR_A).patient(PATIENT).library(LIBRARY).programmerId(PROGRAMMER_ID);
  }

  /** A clinician programmer with fresh randomness (a device whose keys repeated would accept recorded answers). */
  public ProgrammerEndpoint endpointForClinician() {
    return new ProgrammerEndpoint(clinician, TrustedPumps.of(pumpIdentity), LIBRARY, seeded(100 + devices++));
  }

  public InMemoryTransport transport() {
    return InMemoryTransport.serving(endpoint, faults);
  }

  /** A transport through one of link's ready-made faults instead of {@link #faults}. */
  public InMemoryTransport transport(org.openitb.link.transport.FrameFault fault) {
    return InMemoryTransport.serving(endpoint, fault);
  }

  public PatientDevice patientDevice() {
    return PatientDevice.open(new ProgrammerEndpoint(patientDevice, TrustedPumps.of(pumpIdentity), LIBRARY, seeded(200 + devices++)),
        InMemoryTransport.serving(endpoint, faults));
  }

  /** Baclofen 500 mcg/mL, simple continuous, alarm at 2 mL. */
  public static Therapy simple(long mcgPerDay) {
    return simple(mcgPerDay, 500);
  }

  public static Therapy simple(long mcgPerDay, long mcgPerMl) {
    return new Therapy(Prescription.simple(DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(mcgPerMl),
        DoseRate.ofMicrogramsPerDay(mcgPerDay)), Volume.ofMillilitres(2));
  }

  /** 300 mcg/day with a patient allowance of 25 mcg, 10 min, lockout 3 h, 2 per day. */
  public static Therapy withPatientBolus() {
    Prescription p = Prescription.simple(DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(500), DoseRate.ofMicrogramsPerDay(300))
        .withPatientBolus(new PatientBolusAllowance(Mass.ofMicrograms(25), Duration.ofMinutes(10), Duration.ofHours(3), 2));
    return new Therapy(p, Volume.ofMillilitres(2));
  }

  /** The ISMP error: a 06:00-07:00 morning step meant as 60 mcg, entered as 60 mcg every hour (1440 mcg/day). */
  public static Therapy perHourMorningStep() {
    FlexSchedule flex = new FlexSchedule(List.of(
        new FlexStep(LocalTime.of(6, 0), DoseRate.ofMicrogramsPerDay(1440)),
        new FlexStep(LocalTime.of(7, 0), DoseRate.ofMicrogramsPerDay(300))));
    return new Therapy(new Prescription(DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(500), flex, List.of(), Optional.empty()),
        Volume.ofMillilitres(2));
  }

  /** link's published deterministic SecureRandom (same seed, same keys). */
  public static SecureRandom seeded(long seed) {
    return org.openitb.link.fixtures.Fixtures.seeded(seed);
  }
}
