// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** Proposes a new therapy. Changes nothing: the pump validates it and answers with a {@link TherapyPreview}. */
public record ProposeTherapy(Therapy therapy) implements ProgrammerRequest {
  @Override
  public MessageType type() {
    return MessageType.PROPOSE_THERAPY;
  }
}
