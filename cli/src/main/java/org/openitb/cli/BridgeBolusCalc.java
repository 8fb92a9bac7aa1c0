// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.PrintWriter;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openitb.therapy.calc.BridgeBolus;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itb calc bridge-bolus}: clearing the old drug from tubing and catheter after a concentration change. */
@Command(
    name = "bridge-bolus",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "After a refill at a new concentration, the pump tubing and catheter still hold the old drug.",
      "The bridge delivers that dead volume at the old volume rate (so the dose stays right), then switches",
      "to the new rate. Also shows what skipping the bridge does: the delivered dose as a percentage of the",
      "prescribed one while the old drug clears at the new rate, and for how long."
    })
final class BridgeBolusCalc implements Runnable {
  /** Plausibility limits (a proposal: the generic catheter holds 2.2 µL/cm and the pump tubing 0.140 mL, clinical.md 1.3). */
  static final Volume MIN_UL_PER_CM = Volume.ofNanolitres(500);
  static final Volume MAX_UL_PER_CM = Volume.ofMicrolitres(5);
  static final Volume MIN_TUBING = Volume.ofMicrolitres(10);
  static final Volume MAX_TUBING = Volume.ofMicrolitres(500);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dose", required = true, description = "Daily dose, mcg/day (unchanged by the refill).")
  String dose;

  @Option(names = "--old-concentration", required = true, description = "Concentration before the refill, mcg/mL.")
  String oldConcentration;

  @Option(names = "--new-concentration", required = true, description = "Concentration after the refill, mcg/mL.")
  String newConcentration;

  @Option(names = "--catheter-length-cm", required = true, description = "Implanted catheter length, cm (5-150).")
  int catheterLengthCm;

  @Option(names = "--catheter-ul-per-cm", description = "Catheter internal volume, µL per cm (default: the generic catheter's 2.2; check the catheter's labelling).")
  String catheterUlPerCm;

  @Option(names = "--tubing-ml", defaultValue = "0.140", description = "Pump internal tubing volume, mL (default ${DEFAULT-VALUE}).")
  String tubing;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public void run() {
    DoseRate d = DoseRate.parse(dose, "--dose", "mcg/day");
    Concentration c1 = Concentration.parse(oldConcentration, "--old-concentration", "mcg/mL");
    Concentration c2 = Concentration.parse(newConcentration, "--new-concentration", "mcg/mL");
    CatheterModel catheter = CatheterModel.GENERIC;
    if (catheterUlPerCm != null) {
      Volume perCm = Volume.parse(catheterUlPerCm, "--catheter-ul-per-cm", "uL");
      if (perCm.compareTo(MIN_UL_PER_CM) < 0 || perCm.compareTo(MAX_UL_PER_CM) > 0) {
        throw new InvalidValueException("--catheter-ul-per-cm", catheterUlPerCm, "0.5 to 5 µL per cm (intrathecal catheters are about 1-2.2)",
            "not an intrathecal catheter's volume");
      }
      catheter = new CatheterModel("custom", perCm, CatheterModel.GENERIC.minLengthCm(), CatheterModel.GENERIC.maxLengthCm());
    }
    Volume tubingVolume = RefillCalc.millilitres(tubing, "--tubing-ml");
    if (tubingVolume.compareTo(MIN_TUBING) < 0 || tubingVolume.compareTo(MAX_TUBING) > 0) {
      throw new InvalidValueException("--tubing-ml", tubing, "0.010 to 0.500 mL (the default pump's is 0.140)", "not a pump's internal tubing volume");
    }
    Volume dead;
    try {
      dead = BridgeBolus.deadVolume(tubingVolume, catheter, catheterLengthCm);
    } catch (InvalidValueException e) {
      throw new InvalidValueException("--catheter-length-cm", e.value(), e.allowed(), "catheter length out of range");
    }
    // both default pump models have the same accuracy margin (PumpModels.BRIDGE_MARGIN_PPM)
    BridgeBolus b = BridgeBolus.of(d, c1, c2, dead, org.openitb.therapy.device.PumpModels.ITB_20);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("doseMcgPerDay", new java.math.BigDecimal(d.microgramsPerDay()));
      m.put("deadVolumeMl", Formats.ml(b.deadVolume()));
      m.put("bridgeRequired", b.required());
      m.put("bridgeVolumeMl", Formats.ml(b.bridgeVolume()));
      m.put("bridgeRateMlPerDay", Formats.mlPerDay(b.bridgeRate()));
      m.put("bridgeHours", b.bridgeHours().toBigDecimal(2, RoundingMode.HALF_UP));
      m.put("bridgeDoseMcg", new java.math.BigDecimal(b.bridgeDose().micrograms(3)));
      m.put("newRateMlPerDay", Formats.mlPerDay(b.newRate()));
      m.put("doseWithoutBridgePercent", b.doseWithoutBridgePercent().toBigDecimal(1, RoundingMode.HALF_UP));
      m.put("doseRateWithoutBridgeMcgPerDay", new java.math.BigDecimal(b.doseRateWithoutBridge().microgramsPerDay()));
      m.put("hoursAffectedWithoutBridge", b.hoursAffectedWithoutBridge().toBigDecimal(2, RoundingMode.HALF_UP));
      m.put("effectWithoutBridge", b.effectWithoutBridge().name());
      Output.json(out, m);
      return;
    }
    out.printf("Dead volume (tubing + catheter): %s%n", b.deadVolume());
    if (!b.required()) {
      out.println("Same concentration: no bridge bolus is needed.");
      out.flush();
      return;
    }
    out.printf("Bridge: deliver %s%s at the old rate %s for %s h (%s mcg at the old concentration), then %s.%n",
        b.bridgeVolume(), b.bridgeVolume().equals(b.deadVolume()) ? ""
            : " (the dead volume less the pump's " + java.math.BigDecimal.valueOf(org.openitb.therapy.device.PumpModels.BRIDGE_MARGIN_PPM, 4)
                .stripTrailingZeros().toPlainString() + " % accuracy margin, so any error is an under-dose)",
        b.bridgeRate(), b.bridgeHours().toPlainString(2, RoundingMode.HALF_UP), b.bridgeDose().micrograms(3), b.newRate());
    out.printf("Without a bridge: %s %% of the prescribed dose (%s) for %s h - %s.%n",
        b.doseWithoutBridgePercent().toPlainString(1, RoundingMode.HALF_UP), b.doseRateWithoutBridge(),
        b.hoursAffectedWithoutBridge().toPlainString(2, RoundingMode.HALF_UP),
        b.effectWithoutBridge() == BridgeBolus.Effect.UNDER_DOSE ? "an under-dose (withdrawal risk)" : "an over-dose (respiratory depression risk)");
    out.flush();
  }
}
