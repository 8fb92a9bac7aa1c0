// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/**
 * The pump will not open a session (in clear, hence vague: which check failed is logged on the
 * pump, not told to the sender). {@code retryAfterMillis} is the remaining lockout, else 0.
 */
public record SessionRefused(SessionRefusal reason, long retryAfterMillis) implements SessionControl {
  public SessionRefused {
    Check.range("retry after ms", retryAfterMillis, 0, WireLimits.MAX_RETRY_AFTER_MILLIS);
  }

  @Override
  public MessageType type() {
    return MessageType.SESSION_REFUSED;
  }
}
