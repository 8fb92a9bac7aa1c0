// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.util.Objects;
import org.openitb.therapy.units.InvalidValueException;

/**
 * One result of one validation step. A {@link Severity#HARD} finding refuses the prescription; a
 * {@link Severity#SOFT} one lets it through only with a recorded confirmation; {@link
 * Severity#INFO} explains what was checked. {@link #message()} always names the field, the value
 * and what is allowed, so it can be shown to a clinician as it is.
 *
 * @param step the name of the validation step that produced it (see {@link PrescriptionValidator})
 * @param field the prescription field concerned, as a clinician would call it
 * @param value the value found, in clinical units
 * @param allowed what the field accepts, in clinical units
 * @param reason why the step refused, warned or reported, and what to do about it
 */
public record Finding(String step, Severity severity, String field, String value, String allowed, String reason) {
  /** How strongly a finding stops a prescription. */
  public enum Severity {
    /** Refused: no part of the system may program it. */
    HARD,
    /** Allowed only after a recorded confirmation. */
    SOFT,
    /** Information only. */
    INFO
  }

  public Finding {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(allowed, "allowed");
    Objects.requireNonNull(reason, "reason");
  }

  /** A refusal: no part of the system may do it. */
  public static Finding hard(String step, String field, String value, String allowed, String reason) {
    return new Finding(step, Severity.HARD, field, value, allowed, reason);
  }

  /** Allowed only after a second person confirms. */
  public static Finding soft(String step, String field, String value, String allowed, String reason) {
    return new Finding(step, Severity.SOFT, field, value, allowed, reason);
  }

  /** What was checked and passed ({@code value} and {@code allowed} may be empty). */
  public static Finding info(String step, String field, String value, String allowed, String reason) {
    return new Finding(step, Severity.INFO, field, value, allowed, reason);
  }

  /**
   * "field: reason (got 'value'; allowed: allowed)", rendered by {@link InvalidValueException#text} so a
   * finding and a refused input read the same; an empty value or allowed range is left out.
   */
  public String message() {
    return InvalidValueException.text(field, value, allowed, reason);
  }

  /** This finding as the exception a refused input throws (same field, value, range and text). */
  public InvalidValueException toException() {
    return new InvalidValueException(field, value, allowed, reason);
  }

  @Override
  public String toString() {
    return severity + " [" + step + "] " + message();
  }
}
