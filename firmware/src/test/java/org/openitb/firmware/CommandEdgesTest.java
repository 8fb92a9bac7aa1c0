// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.BACLOFEN;
import static org.openitb.firmware.TestPump.C500;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.PATIENT;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.CommandResult.Accepted;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.CommandResult.Refused;
import org.openitb.firmware.PumpEvent.Refilled;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/** Command checks at their edges, with the exact refusal or acknowledgement text the programmer shows. */
class CommandEdgesTest {
  private static final PatientBolusAllowance ONCE_A_DAY =
      new PatientBolusAllowance(Mass.ofMicrograms(25), Duration.ofMinutes(10), Duration.ofHours(2), 1);

  @Test
  void theProposalCheckRefusesEveryRoleButAClinicianAndLogsNothing() {
    TestPump pump = new TestPump().running(TestPump.simple(300));
    Command.ProgramTherapy program = new Command.ProgramTherapy(TestPump.simple(400), Etiology.SPINAL, Volume.ofMillilitres(2));
    long n = pump.lastEvent();
    assertThat(pump.fw.check(program, CLINIC)).isEqualTo(new Accepted("valid: not applied"));
    assertThat(pump.fw.check(program, PATIENT)).isEqualTo(new Refused(Code.NOT_AUTHORISED, "role", "PATIENT",
        "PatientBolusRequest, Interrogate", "ProgramTherapy needs a clinician"));
    assertThat(pump.fw.check(program, new Origin(Role.READ_ONLY, "RO-1"))).isEqualTo(new Refused(Code.NOT_AUTHORISED, "role", "READ_ONLY",
        "Interrogate", "ProgramTherapy needs a clinician"));
    assertThat(pump.lastEvent()).isEqualTo(n);
    assertThat(pump.status().prescription()).contains(TestPump.simple(300));
  }

  @Test
  void aClinicianAndAPrimingBolusNeverRunTogetherAndNeedARunningPump() {
    TestPump pump = new TestPump().running(TestPump.simple(300));
    pump.accept(new Command.PrimingBolus(Volume.ofMicrolitres(100), Duration.ofHours(1)));
    Refused busy = pump.refuse(new Command.ClinicianBolus(Mass.ofMicrograms(20), Duration.ofMinutes(30)), CLINIC, Code.BUSY);
    assertThat(busy.field()).isEqualTo("bolus");
    assertThat(busy.value()).isEqualTo("PRIMING running");
    pump.runFor(2 * HOUR);
    pump.accept(new Command.ClinicianBolus(Mass.ofMicrograms(20), Duration.ofMinutes(30)));
    assertThat(pump.refuse(new Command.PrimingBolus(Volume.ofMicrolitres(100), Duration.ofHours(1)), CLINIC, Code.BUSY).value())
        .isEqualTo("CLINICIAN running");
    pump.runFor(HOUR);
    Refused zero = pump.refuse(new Command.ClinicianBolus(Mass.ZERO, Duration.ofMinutes(30)), CLINIC, Code.OUT_OF_RANGE);
    assertThat(zero.field()).isEqualTo("dose");
    assertThat(zero.allowed()).isEqualTo("> 0 mcg");
    pump.accept(new Command.Stop(Duration.ofHours(1)));
    Refused stopped = pump.refuse(new Command.PrimingBolus(Volume.ofMicrolitres(100), Duration.ofHours(1)), CLINIC, Code.NOT_NOW);
    assertThat(stopped.field()).isEqualTo("mode");
    assertThat(stopped.value()).isEqualTo("STOPPED");
  }

  @Test
  void aPatientBolusCountsForExactlyTwentyFourHoursAndTheAnswerSaysHowManyAreLeft() {
    TestPump pump = new TestPump().running(TestPump.simple(300).withPatientBolus(ONCE_A_DAY));
    pump.runUntil(HOUR);
    assertThat(pump.send(new Command.PatientBolusRequest(), PATIENT))
        .isEqualTo(new Accepted("patient bolus " + Mass.ofMicrograms(25) + " over 10 min; 0 left in 24 h"));
    pump.runUntil(HOUR + DAY - 1);
    pump.refuse(new Command.PatientBolusRequest(), PATIENT, Code.DAILY_LIMIT);
    pump.runUntil(HOUR + DAY);
    assertThat(pump.send(new Command.PatientBolusRequest(), PATIENT)).isInstanceOf(Accepted.class);
  }

  @Test
  void resumingDescribesTheProgramThatRunsAgain() {
    Prescription rx = TestPump.simple(300).withPatientBolus(ONCE_A_DAY);
    TestPump pump = new TestPump().running(rx);
    pump.accept(new Command.Stop(Duration.ofHours(1)));
    assertThat(pump.send(new Command.Resume())).isEqualTo(new Accepted("running: " + Mass.ofMicrograms(300) + "/day of baclofen at "
        + C500 + ", patient bolus " + Mass.ofMicrograms(25) + " up to 1/day"));
  }

  @Test
  void aWithdrawnVolumeDifferingByExactlyTheModelsLimitIsNoDiscrepancy() {
    TestPump pump = new TestPump().running(TestPump.simple(300));
    Volume belief = pump.status().reservoirBelief();
    Volume limit = pump.model.refillDiscrepancyLimit();
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, C500, Optional.of(belief.minus(limit))));
    assertThat(pump.all(Refilled.class).get(pump.all(Refilled.class).size() - 1).discrepancy()).isFalse();
    Volume belief2 = pump.status().reservoirBelief();
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, C500, Optional.of(belief2.minus(limit).minus(Volume.ofNanolitres(1)))));
    assertThat(pump.all(Refilled.class).get(pump.all(Refilled.class).size() - 1).discrepancy()).isTrue();
  }
}
