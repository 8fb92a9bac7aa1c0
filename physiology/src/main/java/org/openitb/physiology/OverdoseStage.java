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
  COMA
}
