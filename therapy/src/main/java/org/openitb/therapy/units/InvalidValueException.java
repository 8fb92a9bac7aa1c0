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

  public InvalidValueException(String field, String value, String allowed, String problem) {
    super(field + ": " + problem + " (got '" + value + "'; allowed: " + allowed + ")");
    this.field = field;
    this.value = value;
    this.allowed = allowed;
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
