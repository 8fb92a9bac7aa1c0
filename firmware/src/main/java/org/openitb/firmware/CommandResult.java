// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.util.Objects;

/** The firmware's answer to a {@link Command}: accepted, or refused with a reason a person can act on. */
public sealed interface CommandResult {
  /** True for {@link Accepted}. */
  default boolean accepted() {
    return this instanceof Accepted;
  }

  /** The command took effect; {@code details} says what the pump now does. */
  record Accepted(String details) implements CommandResult {
    public Accepted {
      Objects.requireNonNull(details, "details");
    }
  }

  /**
   * The command changed nothing. The reason names the field, the value given and what would have
   * been accepted.
   */
  record Refused(Code code, String field, String value, String allowed, String reason) implements CommandResult {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(allowed, "allowed");
      Objects.requireNonNull(reason, "reason");
    }

    /** "field: reason (got 'value'; allowed: allowed)". */
    public String message() {
      return field + ": " + reason + " (got '" + value + "'; allowed: " + allowed + ")";
    }

    @Override
    public String toString() {
      return "Refused[" + code + " " + message() + "]";
    }
  }

  /** Why a command was refused. */
  enum Code {
    /** The sender's role may not send this command. */
    NOT_AUTHORISED,
    /** The pump's mode does not allow the command now (stopped, end of service, safe state...). */
    NOT_NOW,
    /** A value is outside the pump model's or the drug's range. */
    OUT_OF_RANGE,
    /** The command would exceed the drug's hard maximum daily dose for the etiology. */
    HARD_DOSE_LIMIT,
    /** The command does not match the pump's state (drug or concentration differs from the reservoir). */
    MISMATCH,
    /** A patient bolus was requested within the lockout after the previous one. */
    LOCKOUT,
    /** The daily count of boluses is used up. */
    DAILY_LIMIT,
    /** No patient bolus allowance is programmed. */
    NO_ALLOWANCE,
    /** Another bolus of this kind is running. */
    BUSY
  }
}
