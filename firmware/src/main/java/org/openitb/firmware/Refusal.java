// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.CommandResult.Refused;

/** Thrown by a check that refuses a command; carries the {@link Refused} answer. Internal control flow only. */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Refused refused;

  Refusal(Code code, String field, Object value, String allowed, String reason) {
    super(null, null, false, false);
    this.refused = new Refused(code, field, String.valueOf(value), allowed, reason);
  }

  Refused refused() {
    return refused;
  }
}
