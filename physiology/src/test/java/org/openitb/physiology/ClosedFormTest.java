// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The closed form against a tiny-step RK4 integration of the same equations, over seeded random
 * patients and random piecewise-constant tip flows with boluses; and a self-test proving the
 * comparison fails when one rate is wrong by 2 %.
 */
class ClosedFormTest {
  private static final java.util.List<Etiology> ETIOLOGIES =
      java.util.List.of(Etiology.CEREBRAL, Etiology.SPINAL, Etiology.MULTIPLE_SCLEROSIS);
  static final long H = 3_600_000L;

  @Test
  void closedFormMatchesTinyStepIntegration() {
    SplittableRandom rnd = new SplittableRandom(13);
    for (int patientId = 0; patientId < 25; patientId++) {
      Etiology et = ETIOLOGIES.get(patientId % 3);
      AgeGroup age = patientId % 4 == 0 ? AgeGroup.CHILD : AgeGroup.ADULT;
      PatientParameters pp = Population.of(et, age).sample(7, patientId);
      Patient patient = Patient.naive(pp, 0);
      Reference ref = new Reference(patient);
      long t = 0;
      for (int step = 0; step < 12; step++) {
        double rate = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * 40;
        long dur = (1 + rnd.nextInt(72)) * H / 4;
        if (rnd.nextInt(5) == 0) {
          double dose = 10 + rnd.nextDouble() * 100;
          patient.bolus(t, dose);
          ref.bolus(dose);
        }
        patient.setTipFlow(t, rate);
        t += dur;
        patient.advanceTo(t);
        ref.run(dur / (double) H, rate, 0.002);
        PatientState s = patient.state();
        assertThat(s.tipRegion()).as("L, patient %d step %d", patientId, step).isCloseTo(ref.l, within(1e-9 + 1e-7 * Math.abs(ref.l)));
        assertThat(s.cisternal()).as("C").isCloseTo(ref.c, within(1e-9 + 1e-7 * Math.abs(ref.c)));
        assertThat(s.effectSite()).as("E").isCloseTo(ref.e, within(1e-9 + 1e-7 * Math.abs(ref.e)));
        assertThat(s.adaptation()).as("A").isCloseTo(ref.a, within(1e-9 + 1e-7 * Math.abs(ref.a)));
      }
    }
  }

  @Test
  void theComparisonDetectsAWrongRate() {
    PatientParameters pp = Population.of(Etiology.SPINAL, AgeGroup.ADULT).typical();
    Patient patient = Patient.naive(pp, 0);
    Reference ref = new Reference(patient);
    patient.setTipFlow(0, 12.5);
    patient.advanceTo(24 * H);
    Reference wrong = new Reference(Patient.naive(withKe0(pp, pp.ke0().value() * 1.02), 0));
    ref.run(24, 12.5, 0.002);
    wrong.run(24, 12.5, 0.002);
    double e = patient.state().effectSite();
    assertThat(Math.abs(e - ref.e)).isLessThan(1e-7 * e);
    assertThat(Math.abs(e - wrong.e)).isGreaterThan(1e-4 * e);
  }

  static PatientParameters withKe0(PatientParameters p, double ke0) {
    return new PatientParameters(p.etiology(), p.age(), p.seed(), p.clearance(), p.volume(), p.ke0().withValue(ke0), p.kc(),
        p.tipToCisterna(), p.decayLength(), p.baselineTone(), p.emax(), p.hill(), p.ec50(), p.adaptationGain(),
        p.adaptationRate(), p.ec50DriftPerYear(), p.supraspinalEc50(), p.withdrawalMild(), p.withdrawalModerate(),
        p.withdrawalSevere(), p.somnolence(), p.respiratoryDepression(), p.coma(), p.raterSd(), p.systemic());
  }
}
