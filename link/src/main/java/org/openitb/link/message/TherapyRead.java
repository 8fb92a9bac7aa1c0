package org.openitb.link.message;

/** Asks for the therapy the pump is running. */
public record TherapyRead() implements ProgrammerRequest {
  @Override
  public MessageType type() {
    return MessageType.THERAPY_READ;
  }
}
