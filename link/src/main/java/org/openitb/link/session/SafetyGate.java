// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import org.openitb.link.Role;
import org.openitb.link.message.Direction;
import org.openitb.link.message.MessageType;

/**
 * The pumpX2 gate at the lowest layer that can produce an acceptable frame: before a device-side
 * session seals any request, it must be one the session's role may send, and a clinician
 * delivery change must come through an armed session. The public session types already make the
 * wrong calls impossible to write; this check keeps the rule true for any future caller inside
 * the package too.
 */
final class SafetyGate {
  private SafetyGate() {}

  static void check(MessageType type, Role role, boolean armed) {
    if (type.direction() != Direction.TO_PUMP) {
      throw new SafetyGateException(type, "only the pump sends it");
    }
    if (!type.allows(role)) {
      throw new SafetyGateException(type, "a " + role + " session may not send it");
    }
    if (type.needsArming() && !armed) {
      throw new SafetyGateException(type, "it changes delivery and the session is not armed");
    }
  }
}
