// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.drug;

import java.util.List;
import java.util.Map;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.InvalidValueException;

/**
 * One drug of the drug library: the concentrations stocked, the highest concentration that may be
 * put in a pump, the dose limits and titration guardrails per etiology, and how long a fill may
 * stay in the pump. Every number is a library parameter, never a constant in code.
 */
public record Drug(
    String name,
    List<Concentration> stockedConcentrations,
    Concentration maxConcentration,
    Map<Etiology, DoseLimits> doseLimits,
    Map<Etiology, TitrationLimits> titration,
    int maxDaysInPump) {

  public Drug {
    stockedConcentrations = List.copyOf(stockedConcentrations);
    doseLimits = Map.copyOf(doseLimits);
    titration = Map.copyOf(titration);
    for (Etiology e : Etiology.values()) {
      if (!doseLimits.containsKey(e) || !titration.containsKey(e)) {
        throw new InvalidValueException(
            "drug " + name, e.name(), "limits for every etiology", "missing limits for " + e);
      }
    }
  }

  public DoseLimits limits(Etiology etiology) {
    return doseLimits.get(etiology);
  }

  public TitrationLimits titration(Etiology etiology) {
    return titration.get(etiology);
  }

  public boolean isStocked(Concentration c) {
    return stockedConcentrations.contains(c);
  }
}
