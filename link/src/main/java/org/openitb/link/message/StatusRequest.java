// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** Asks for the pump's status (first step of an interrogation). */
public record StatusRequest() implements ProgrammerRequest {
  @Override
  public MessageType type() {
    return MessageType.STATUS_REQUEST;
  }
}
