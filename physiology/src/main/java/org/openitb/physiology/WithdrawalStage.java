// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

/** Baclofen withdrawal stages (physiology.md 1.4), ordered by severity. */
public enum WithdrawalStage {
  NONE,
  /** Return of spasticity, tachycardia, pruritus without rash. */
  MILD,
  /** Seizures, hallucinations, fever. */
  MODERATE,
  /** Rebound rigidity, hyperthermia, labile blood pressure; untreated towards rhabdomyolysis and multi-organ failure. */
  SEVERE;

  /** The grade, 0 (none) to 3 (severe): fixed here, so reordering the constants changes no outcome. */
  public int severity() {
    return switch (this) {
      case NONE -> 0;
      case MILD -> 1;
      case MODERATE -> 2;
      case SEVERE -> 3;
    };
  }
}
