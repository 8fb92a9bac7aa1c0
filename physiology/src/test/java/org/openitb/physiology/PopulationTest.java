// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PopulationTest {
  @Test
  void aPatientDependsOnlyOnCohortSeedAndId() {
    Population pop = Population.of(Etiology.MULTIPLE_SCLEROSIS, AgeGroup.ADULT);
    PatientParameters a = pop.sample(42, 1000);
    for (int i = 0; i < 50; i++) {
      pop.sample(42, i); // other draws in between change nothing
    }
    assertThat(pop.sample(42, 1000)).isEqualTo(a);
    assertThat(pop.sample(42, 1001)).isNotEqualTo(a);
    assertThat(pop.sample(43, 1000)).isNotEqualTo(a);
    assertThat(Population.of(Etiology.SPINAL, AgeGroup.ADULT).sample(42, 1000).seed()).isNotEqualTo(a.seed());
  }

  @Test
  void everyValueHasAUnitAndASource() {
    for (Etiology e : Etiology.values()) {
      for (AgeGroup g : AgeGroup.values()) {
        PatientParameters p = Population.of(e, g).sample(1, 2);
        assertThat(p.all()).hasSize(28).allSatisfy((name, v) -> {
          assertThat(v.unit()).as(name).isNotBlank();
          assertThat(v.source()).as(name).isNotBlank();
        });
        assertThat(p.halfLifeHours()).isBetween(0.5, 6.0);
      }
    }
  }

  @Test
  void raterNoiseIsSeededByPatientAndInstant() {
    PatientParameters pp = Population.of(Etiology.SPINAL, AgeGroup.ADULT).sample(3, 4);
    Patient a = Patient.adaptedTo(pp, 0, 200, 1);
    Patient b = Patient.adaptedTo(pp, 0, 200, 1);
    a.rateTone();
    a.rateTone();
    assertThat(a.rateTone()).isEqualTo(b.rateTone());
  }
}
