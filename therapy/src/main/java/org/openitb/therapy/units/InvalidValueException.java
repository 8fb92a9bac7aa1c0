// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

/**
 * A value a person or another system supplied was refused. The message always names the field,
 * the value as given and what would have been accepted, so it can be shown to the user as it is.
 */
public class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final String value;
  private final String allowed;
  private final String problem;

  public InvalidValueException(String field, String value, String allowed, String problem) {
    super(text(field, value, allowed, problem));
    this.field = field;
    this.value = value;
    this.allowed = allowed;
    this.problem = problem;
  }

  /**
   * The same refusal under the name the person typed: a calculator names its fields in words ("current dose"), a
   * command line names the option ("--current-dose"), so a front end renames what it passed on.
   */
  public InvalidValueException renamed(String newField) {
    InvalidValueException e = new InvalidValueException(newField, value, allowed, problem);
    e.initCause(this);
    return e;
  }

  /**
   * The one rendering of a refusal or a finding (a {@code therapy.prescription.Finding} uses it too):
   * "field: reason (got 'value'; allowed: allowed)"; a part that is empty is left out, so a check
   * that passed reads "field: reason".
   */
  public static String text(String field, String value, String allowed, String reason) {
    StringBuilder b = new StringBuilder(field).append(": ").append(reason);
    if (!value.isEmpty() && !allowed.isEmpty()) {
      b.append(" (got '").append(value).append("'; allowed: ").append(allowed).append(')');
    } else if (!value.isEmpty()) {
      b.append(" (got '").append(value).append("')");
    } else if (!allowed.isEmpty()) {
      b.append(" (allowed: ").append(allowed).append(')');
    }
    return b.toString();
  }

  /** The name of the field or option that held the refused value. */
  public String field() {
    return field;
  }

  /** The refused value as it was given. */
  public String value() {
    return value;
  }

  /** What the field accepts (a range, a list of units, a format). */
  public String allowed() {
    return allowed;
  }
}
