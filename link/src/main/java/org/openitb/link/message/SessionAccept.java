// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import org.openitb.link.Role;

/**
 * The pump accepted the device (the first encrypted frame, so it also confirms the keys): the
 * role granted, how long the session may last and stay idle, and the pump's clock.
 */
public record SessionAccept(Role role, int lifetimeSeconds, int idleTimeoutSeconds, long pumpTimeMillis) implements SessionControl {
  public SessionAccept {
    Check.range("lifetime s", lifetimeSeconds, 1, WireLimits.MAX_SESSION_SECONDS);
    Check.range("idle timeout s", idleTimeoutSeconds, 1, lifetimeSeconds);
    Check.range("pump time ms", pumpTimeMillis, 0, WireLimits.MAX_TIME_MILLIS);
  }

  @Override
  public MessageType type() {
    return MessageType.SESSION_ACCEPT;
  }
}
