// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.InvalidValueException;

/** One model of a safety finding, rendered in one place: a finding and a refused input read the same. */
class FindingTest {
  @Test
  void aRefusalNamesTheFieldTheValueAndTheAllowedRange() {
    Finding f = Finding.hard("programmer-checks", "refill volume", "21.000 mL", "0.001 mL to 20.000 mL, ITB-20",
        "outside the reservoir; overfilling risks a pocket fill");
    assertThat(f.severity()).isEqualTo(Finding.Severity.HARD);
    assertThat(f.message()).isEqualTo("refill volume: outside the reservoir; overfilling risks a pocket fill"
        + " (got '21.000 mL'; allowed: 0.001 mL to 20.000 mL, ITB-20)");
    assertThat(f.toString()).isEqualTo("HARD [programmer-checks] " + f.message());
    InvalidValueException e = f.toException();
    assertThat(e.getMessage()).isEqualTo(f.message());
    assertThat(e.field()).isEqualTo("refill volume");
    assertThat(e.value()).isEqualTo("21.000 mL");
    assertThat(e.allowed()).isEqualTo("0.001 mL to 20.000 mL, ITB-20");
  }

  @Test
  void anEmptyValueOrRangeIsLeftOutRatherThanShownEmpty() {
    assertThat(Finding.info("second-person", "drug and concentration", "", "", "unchanged").message())
        .isEqualTo("drug and concentration: unchanged");
    assertThat(Finding.soft("second-person", "concentration", "1000 mcg/mL", "", "changes from 500 mcg/mL").message())
        .isEqualTo("concentration: changes from 500 mcg/mL (got '1000 mcg/mL')");
    assertThat(new InvalidValueException("password", "", "the same password twice", "the passwords differ").getMessage())
        .isEqualTo("password: the passwords differ (allowed: the same password twice)");
    assertThat(Finding.soft("s", "f", "v", "a", "r").severity()).isEqualTo(Finding.Severity.SOFT);
    assertThat(Finding.info("s", "f", "v", "a", "r").severity()).isEqualTo(Finding.Severity.INFO);
  }
}
