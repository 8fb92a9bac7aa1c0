// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.util.Optional;
import org.openitb.link.LinkException;
import org.openitb.link.message.MessageType;

/**
 * The safety gate refused to encode a message: a delivery change through a session that is not
 * armed, an arming used a second time, or a message the session's role may not send. Nothing
 * was transmitted.
 */
public class SafetyGateException extends LinkException {
  private static final long serialVersionUID = 1L;
  private final transient Optional<MessageType> type;

  public SafetyGateException(MessageType type, String why) {
    super(type + " not encoded: " + why);
    this.type = Optional.of(type);
  }

  /** A refusal to arm at all: no message was involved yet. */
  public SafetyGateException(String why) {
    super(why);
    this.type = Optional.empty();
  }

  /** The message that was not encoded, if the refusal concerned one. */
  public Optional<MessageType> type() {
    return type;
  }
}
