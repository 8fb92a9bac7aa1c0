// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

/**
 * A Modified Ashworth Scale grade as a clinician records it. {@link #value()} places "1+" at 1.5
 * on the 0-4 scale used for the model's continuous tone.
 */
public enum AshworthGrade {
  MAS_0("0", 0),
  MAS_1("1", 1),
  MAS_1_PLUS("1+", 1.5),
  MAS_2("2", 2),
  MAS_3("3", 3),
  MAS_4("4", 4);

  private final String label;
  private final double value;

  AshworthGrade(String label, double value) {
    this.label = label;
    this.value = value;
  }

  public String label() {
    return label;
  }

  public double value() {
    return value;
  }

  /** The grade nearest to a continuous tone (ties go to the higher grade); clamps to 0..4. */
  public static AshworthGrade nearest(double tone) {
    AshworthGrade best = MAS_0;
    for (AshworthGrade g : values()) {
      if (Math.abs(g.value - tone) <= Math.abs(best.value - tone)) {
        best = g;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return label;
  }
}
