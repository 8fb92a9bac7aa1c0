// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** The device ends the session; the pump forgets the keys and sends no reply. */
public record SessionClose() implements SessionControl {
  @Override
  public MessageType type() {
    return MessageType.SESSION_CLOSE;
  }
}
