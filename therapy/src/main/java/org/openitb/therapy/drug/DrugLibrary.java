// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.drug;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;

/**
 * The drugs a clinic may put in a pump. {@link #standard()} is the project's default library,
 * with every value traced to ../shared/reference/clinical.md (section references below); values
 * the reference marks unconfirmed are defaults a clinic is expected to review.
 */
public record DrugLibrary(List<Drug> drugs) {
  /** Baclofen's labelled stability limit, clinical.md 3.5 (180 days). */
  static final int BACLOFEN_MAX_DAYS_IN_PUMP = 180;

  public DrugLibrary {
    drugs = List.copyOf(drugs);
  }

  /**
   * The default library: baclofen at 50 (screening), 500, 1000 and 2000 mcg/mL (clinical.md 3.4).
   * Soft ranges are the usual maintenance doses (clinical.md 3.3: spinal 300-800, cerebral 90-700,
   * children 24-1199 mcg/day). Hard maxima are derived from the highest doses seen in label trials
   * and cohorts (spinal 2003, cerebral 1400, paediatric cohort 1395 mcg/day; the first two are
   * unconfirmed in the reference), rounded down: 2000, 1400 and 1400 mcg/day. Titration
   * guardrails are clinical.md 3.2 (spinal 10-30 %, cerebral and children 5-15 %, once per 24 h).
   */
  public static DrugLibrary standard() {
    Duration day = Duration.ofHours(24);
    Drug baclofen =
        new Drug(
            "baclofen",
            List.of(mcgPerMl(50), mcgPerMl(500), mcgPerMl(1000), mcgPerMl(2000)),
            mcgPerMl(2000),
            Map.of(
                Etiology.SPINAL, new DoseLimits(mcgPerDay(300), mcgPerDay(800), mcgPerDay(2000)),
                Etiology.CEREBRAL, new DoseLimits(mcgPerDay(90), mcgPerDay(700), mcgPerDay(1400)),
                Etiology.PAEDIATRIC, new DoseLimits(mcgPerDay(24), mcgPerDay(1199), mcgPerDay(1400))),
            Map.of(
                Etiology.SPINAL, new TitrationLimits(10, 30, day),
                Etiology.CEREBRAL, new TitrationLimits(5, 15, day),
                Etiology.PAEDIATRIC, new TitrationLimits(5, 15, day)),
            BACLOFEN_MAX_DAYS_IN_PUMP);
    return new DrugLibrary(List.of(baclofen));
  }

  /** The drug called {@code name} (case-insensitive), or a refusal listing the library's drugs. */
  public Drug drug(String name) {
    return drugs.stream()
        .filter(d -> d.name().equalsIgnoreCase(name.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidValueException(
                    "drug", name,
                    String.join(", ", drugs.stream().map(Drug::name).toList()),
                    "not in the drug library"));
  }

  /** The standard library's baclofen. */
  public static Drug baclofen() {
    return standard().drug("baclofen");
  }

  static Concentration mcgPerMl(long v) {
    return Concentration.ofMicrogramsPerMillilitre(v);
  }

  static DoseRate mcgPerDay(long v) {
    return DoseRate.ofMicrogramsPerDay(v);
  }

  @Override
  public String toString() {
    return "DrugLibrary" + drugs.stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList();
  }
}
