// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Optional;

/**
 * The pump accepted a proposal as valid and holds it pending: the running therapy beside the
 * proposed one, and the proposal's checksum, which a commit must name.
 */
public record TherapyPreview(Optional<Therapy> current, Therapy proposed, TherapyChecksum checksum) implements Reply {
  @Override
  public MessageType type() {
    return MessageType.THERAPY_PREVIEW;
  }
}
