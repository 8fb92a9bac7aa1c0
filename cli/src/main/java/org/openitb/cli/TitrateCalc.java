// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openitb.therapy.calc.TitrationCheck;
import org.openitb.therapy.calc.TitrationGuardrail;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itb calc titrate}: checks a proposed daily-dose change against the titration guardrails. */
@Command(
    name = "titrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks a dose change against the titration guardrails and the hard daily maximum.",
      "Guardrails: spinal origin +10 to 30 %%, cerebral origin",
      "and children +5 to 15 %% of the daily dose, at most one increase per 24 h, never above the drug",
      "library's hard daily maximum (spinal 2000 mcg/day). Prints the allowed range."
    })
final class TitrateCalc implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The guardrail's field names and the options that carry them, so a refusal names what the person typed. */
  private static final Map<String, String> OPTIONS = Map.of("current dose", "--current-dose", "proposed dose", "--proposed-dose",
      "last increase", "--last-increase", "at", "--at");

  @Option(names = "--etiology", required = true, description = "spinal, cerebral or paediatric.")
  String etiology;

  @Option(names = "--current-dose", required = true, description = "Current daily dose, mcg/day.")
  String current;

  @Option(names = "--proposed-dose", required = true, description = "Proposed daily dose, mcg/day.")
  String proposed;

  @Option(names = "--last-increase", description = "Pump-local date-time of the last dose increase, if any.")
  String lastIncrease;

  @Option(names = "--at", required = true, description = "Pump-local date-time of the proposed change.")
  String at;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public void run() {
    Etiology e = CliEnums.etiology(etiology, "--etiology");
    DoseRate cur = DoseRate.parse(current, "--current-dose", "mcg/day");
    DoseRate next = DoseRate.parse(proposed, "--proposed-dose", "mcg/day");
    TitrationCheck c;
    try {
      c = TitrationGuardrail.check(DrugLibrary.baclofen(), e, cur, next,
          Optional.ofNullable(lastIncrease).map(t -> Formats.dateTime(t, "--last-increase")), Formats.dateTime(at, "--at"));
    } catch (InvalidValueException refused) {
      String option = OPTIONS.get(refused.field());
      throw option == null ? refused : refused.renamed(option);
    }
    // a rate typed per hour is the classic ITB programming error: echo its daily total (as calc refill does)
    java.util.List<String> notes = new java.util.ArrayList<>();
    if (DoseRate.isPerHour(current)) {
      notes.add("--current-dose was entered per hour (" + current.trim() + "): that is " + cur + " in 24 h; check it was not meant per day");
    }
    if (DoseRate.isPerHour(proposed)) {
      notes.add("--proposed-dose was entered per hour (" + proposed.trim() + "): that is " + next + " in 24 h; check it was not meant per day");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("etiology", e.name().toLowerCase(java.util.Locale.ROOT));
      m.put("currentMcgPerDay", new BigDecimal(c.current().microgramsPerDay()));
      m.put("proposedMcgPerDay", new BigDecimal(c.proposed().microgramsPerDay()));
      m.put("changePercent", c.changePercent().toBigDecimal(1, RoundingMode.HALF_UP));
      m.put("allowedMinMcgPerDay", new BigDecimal(c.allowedMin().microgramsPerDay()));
      m.put("allowedMaxMcgPerDay", new BigDecimal(c.allowedMax().microgramsPerDay()));
      m.put("verdict", c.verdict().name());
      m.put("reason", c.reason());
      m.put("nextIncreaseAllowedAt", Formats.minute(c.nextIncreaseAllowedAt()));
      m.put("hardMaxMcgPerDay", new BigDecimal(DrugLibrary.baclofen().limits(e).hardMax().microgramsPerDay()));
      m.put("notes", notes);
      Output.json(out, m);
      return;
    }
    out.printf("Change: %s -> %s (%s %%)%n", c.current(), c.proposed(), c.changePercentDisplay());
    out.printf("Guardrail for %s: increase to %s - %s%n", e.name().toLowerCase(java.util.Locale.ROOT), c.allowedMin(), c.allowedMax());
    out.printf("Verdict: %s - %s%n", c.verdict(), c.reason());
    c.nextIncreaseAllowedAt().ifPresent(t -> out.printf("Next increase allowed from %s%n", Formats.minute(t)));
    out.printf("Hard daily maximum: %s%n", DrugLibrary.baclofen().limits(e).hardMax());
    notes.forEach(n -> out.println("Note: " + n));
    out.flush();
  }
}
