// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** Asks for the therapy the pump is running. */
public record TherapyRead() implements ProgrammerRequest {
  @Override
  public MessageType type() {
    return MessageType.THERAPY_READ;
  }
}
