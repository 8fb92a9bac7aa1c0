// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.Objects;

/**
 * One step of the {@link SafetyChain} and why it decided as it did, in words a clinician can act
 * on (the field, the value and what is allowed).
 */
public record SafetyCheck(String step, Verdict verdict, String reason) {
  /** What a step decided. */
  public enum Verdict {
    /** Nothing to object. */
    PASS,
    /** A second, different person must confirm before the change may be committed. */
    SECOND_PERSON,
    /** Refused: the change is never sent. */
    REFUSE
  }

  public SafetyCheck {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return verdict + " [" + step + "] " + reason;
  }
}
