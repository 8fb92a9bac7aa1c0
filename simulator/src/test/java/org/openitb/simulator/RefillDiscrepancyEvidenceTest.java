// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openitb.hardware.HardwareParameters;
import org.openitb.hardware.SimulatedPump;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.DrugLibrary;

/**
 * Where refill discrepancies come from in the simulation (issue 11, accuracy evidence), measured over seeded pumps
 * running the stable example (20 mL refills every 10 weeks, about 14 mL delivered between them).
 *
 * <p>Wesemann et al. 2014 (clinical.md 1.3) measured +1 % over 6 months per patient and +2.5 % per refill, and
 * explain the gap themselves: clinicians cannot read small syringe differences precisely, or leave fluid in the pump.
 * The per-refill figure is therefore a measurement artefact, not pump variation, and the pump's bias follows the
 * per-patient figure (+1 %). Neither source gives a rate of flagged refills (Maino et al. 2017 give the 1 mL / 2 mL
 * threshold and the overdoses above it). These tests pin what the model then predicts: a refill's discrepancy is the
 * pump's own bias times the volume delivered since the last refill, so a flag needs a bias beyond limit / volume
 * (about 7 % here, inside the +-14.5 % label band) or a fault (pocket fill, leak, stall).
 */
class RefillDiscrepancyEvidenceTest {
  static final int PUMPS = 40;
  static final BigDecimal FILL_ML = new BigDecimal("20");
  /** Per-stroke noise (+-3 %) over about 56,000 strokes sums to about 1 µL (one standard deviation); ten of them. */
  static final BigDecimal NOISE_BOUND_ML = new BigDecimal("0.010");
  static final BigDecimal PPM = new BigDecimal(1_000_000);
  /** The label band's edge (safety.md, SynchroMed over-infusion alert). */
  static final long LABEL_EDGE_PPM = 145_000;

  @TempDir
  Path dir;

  record RefillRow(BigDecimal deliveredMl, BigDecimal discrepancyMl, boolean flagged) {}

  private List<RefillRow> run(long seed, String extraEvent) throws IOException {
    String yaml = Files.readString(ExampleScenariosTest.EXAMPLES.resolve("stable-sci.yaml"))
        .replace("seed: 7", "seed: " + seed)
        .replace("until: 2y", "until: 1y")
        .replace("events:\n", "events:\n" + extraEvent);
    Path file = dir.resolve("stable-" + seed + ".yaml");
    Files.writeString(file, yaml);
    Scenario s = new ScenarioLoader(DrugLibrary.standard()).load(file);
    SimulationResult r = new Simulation(s, DrugLibrary.standard(), Optional.empty(), t -> { }).run(s.until().orElseThrow());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> refills = (List<Map<String, Object>>) r.summary().get("refills");
    List<RefillRow> rows = new ArrayList<>();
    for (Map<String, Object> f : refills) {
      BigDecimal expected = new BigDecimal(String.valueOf(f.get("expectedMl")));
      rows.add(new RefillRow(FILL_ML.subtract(expected), new BigDecimal(String.valueOf(f.get("discrepancyMl"))),
          Boolean.TRUE.equals(f.get("discrepancyFlagged"))));
    }
    return rows;
  }

  @Test
  void eachRefillsDiscrepancyIsThePumpsOwnBiasTimesTheVolumeDeliveredAndTypicalPumpsNeverFlag() throws IOException {
    HardwareParameters.Accuracy typical = HardwareParameters.typical().accuracy();
    BigDecimal limit = new BigDecimal(PumpModels.ITB_20.refillDiscrepancyLimit().millilitres());
    BigDecimal sumOfPerRefillPercent = BigDecimal.ZERO;
    BigDecimal largest = BigDecimal.ZERO;
    int refills = 0;
    for (long seed = 1; seed <= PUMPS; seed++) {
      BigDecimal bias = new BigDecimal(SimulatedPump.drawnBiasPpm(seed, typical)).divide(PPM);
      List<RefillRow> rows = run(seed, "");
      assertThat(rows).as("pump %d's refills in a year", seed).hasSize(5);
      for (RefillRow row : rows) {
        // withdrawn - expected = (fill - true delivered) - (fill - believed delivered) = -bias x delivered
        BigDecimal predicted = bias.negate().multiply(row.deliveredMl());
        assertThat(row.discrepancyMl().subtract(predicted).abs()).as("pump %d (bias %s): %s", seed, bias, row)
            .isLessThanOrEqualTo(NOISE_BOUND_ML);
        assertThat(row.flagged()).as("pump %d: %s", seed, row).isFalse();
        sumOfPerRefillPercent = sumOfPerRefillPercent.add(
            row.discrepancyMl().negate().divide(row.deliveredMl(), MathContext.DECIMAL64).movePointRight(2));
        largest = largest.max(row.discrepancyMl().abs());
        refills++;
      }
    }
    BigDecimal meanPercent = sumOfPerRefillPercent.divide(new BigDecimal(refills), MathContext.DECIMAL64);
    // the drawn biases are uniform in +1 % +- 2 %: the mean of 40 pumps is within 3 standard errors (0.18 %) of +1 %
    assertThat(meanPercent).isBetween(new BigDecimal("0.45"), new BigDecimal("1.55"));
    // the largest typical discrepancy (3 % of about 14 mL) stays well below the 1 mL flag
    assertThat(largest).isLessThan(limit.divide(new BigDecimal(2)));
  }

  @Test
  void aPumpAtTheLabelBandsEdgeFlagsEveryRefillAsOverDelivery() throws IOException {
    String fault = "  - at: 2026-01-05T10:00\n    fault: {type: delivery-bias, ppm: " + LABEL_EDGE_PPM + "}\n";
    List<RefillRow> rows = run(3, fault);
    assertThat(rows).hasSize(5).allSatisfy(row -> {
      assertThat(row.flagged()).as("%s", row).isTrue();
      // less withdrawn than expected: the pump delivered more than it believes
      assertThat(row.discrepancyMl().signum()).isNegative();
      BigDecimal predicted = row.deliveredMl().multiply(new BigDecimal(LABEL_EDGE_PPM)).divide(PPM).negate();
      assertThat(row.discrepancyMl().subtract(predicted).abs()).as("%s", row).isLessThanOrEqualTo(NOISE_BOUND_ML);
    });
  }
}
