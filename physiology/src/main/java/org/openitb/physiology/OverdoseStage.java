// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

/** Baclofen overdose stages (physiology.md 1.5), ordered by severity. */
public enum OverdoseStage {
  NONE,
  /** Somnolence, dizziness, rostral hypotonia. */
  SOMNOLENCE,
  /** Respiratory depression, bradycardia, hypotension. */
  RESPIRATORY_DEPRESSION,
  /** Coma. */
  COMA;

  /** The grade, 0 (none) to 3 (coma): fixed here, so reordering the constants changes no outcome. */
  public int severity() {
    return switch (this) {
      case NONE -> 0;
      case SOMNOLENCE -> 1;
      case RESPIRATORY_DEPRESSION -> 2;
      case COMA -> 3;
    };
  }
}
