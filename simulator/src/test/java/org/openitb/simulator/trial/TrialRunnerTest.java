// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.trial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.physiology.AgeGroup;
import org.openitb.physiology.Etiology;
import org.openitb.therapy.device.PumpModels;

class TrialRunnerTest {
  static TrialSpec spec(int patients) {
    return new TrialSpec("test", 2027, patients, 2, LocalDateTime.of(2027, 1, 4, 9, 0),
        List.of(new TrialSpec.Stratum(Etiology.SPINAL, AgeGroup.ADULT, 2), new TrialSpec.Stratum(Etiology.CEREBRAL, AgeGroup.CHILD, 1)),
        PumpModels.ITB_20, 50,
        List.of(new Arm("buffer 14 d, bridge", 14, true, 10, 0.05), new Arm("buffer 0 d, no bridge, missed visits", 0, false, 20, 0.5)));
  }

  @Test
  void resultsAreIdenticalForAnyThreadCount() {
    TrialSpec s = spec(10);
    List<List<PatientOutcome>> one = TrialRunner.run(s, 1, n -> { });
    List<List<PatientOutcome>> three = TrialRunner.run(s, 3, n -> { });
    assertThat(three).isEqualTo(one);
    assertThat(one).hasSize(2).allSatisfy(arm -> assertThat(arm).hasSize(10));
    assertThat(one.get(0).stream().map(PatientOutcome::patientId)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
  }

  @Test
  void aPatientDependsOnlyOnSeedAndId() {
    TrialSpec s = spec(3);
    Arm arm = s.arms().get(0);
    assertThat(TrialPatient.run(s, arm, 2)).isEqualTo(TrialPatient.run(s.withPatients(500), arm, 2));
    assertThat(TrialPatient.run(s, arm, 2)).isNotEqualTo(TrialPatient.run(s.withSeed(2028), arm, 2));
  }

  @Test
  void missedVisitsWithoutABufferLeaveThePumpStoppedAndThePatientInWithdrawal() {
    TrialSpec s = spec(12);
    List<List<PatientOutcome>> r = TrialRunner.run(s, 2, n -> { });
    ArmSummary careful = ArmSummary.of("a", r.get(0));
    ArmSummary careless = ArmSummary.of("b", r.get(1));
    assertThat(careless.outcomes().get("missedVisits").mean()).isGreaterThan(careful.outcomes().get("missedVisits").mean());
    assertThat(careless.outcomes().get("pumpStoppedDays").mean()).isGreaterThan(careful.outcomes().get("pumpStoppedDays").mean());
    assertThat(careless.outcomes().get("withdrawalDays").mean()).isGreaterThan(0);
    assertThat(r.get(0)).allSatisfy(o -> assertThat(o.visits()).isPositive());
  }

  @Test
  void theExampleSpecLoads() {
    TrialSpec s = TrialSpecLoader.load(java.nio.file.Path.of("../examples/trials/refill-policy.yaml"));
    assertThat(s.arms()).hasSizeGreaterThanOrEqualTo(2);
  }
}
