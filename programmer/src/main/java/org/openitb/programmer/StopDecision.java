// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.Duration;
import java.util.Objects;

/**
 * An explicit, recorded decision to leave a pump stopped: who decided, why, and when the stop
 * expires (the pump then raises a critical alarm). Without one, the programmer never stops a pump
 * and never ends a session with the pump stopped.
 */
public record StopDecision(String by, String why, Duration expiry) {
  /** The longest stop the link can carry (3 days); beyond it a stop is not time-limited in practice. */
  public static final Duration MAX_EXPIRY = Duration.ofMinutes(4_320);

  public StopDecision {
    Objects.requireNonNull(expiry, "expiry");
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("stop decision by: the deciding user's id is required (got '" + by + "')");
    }
    if (why == null || why.isBlank()) {
      throw new IllegalArgumentException("stop decision why: a reason is required (got '" + why + "')");
    }
    if (expiry.compareTo(Duration.ofMinutes(1)) < 0 || expiry.compareTo(MAX_EXPIRY) > 0 || expiry.toSecondsPart() != 0) {
      throw new IllegalArgumentException("stop decision expiry: whole minutes 1 min to " + MAX_EXPIRY.toHours()
          + " h (got '" + expiry + "'); every stop must expire into a critical alarm");
    }
  }
}
