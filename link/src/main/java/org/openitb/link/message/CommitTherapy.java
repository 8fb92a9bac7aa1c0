// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Objects;
import java.util.Optional;

/**
 * Commits the pending proposal whose preview had this checksum; any other checksum changes nothing.
 * A change the pump's device model marks as needing a second person also carries a second
 * clinician's {@link CoSignature}.
 */
public record CommitTherapy(TherapyChecksum checksum, Optional<CoSignature> coSignature) implements DeliveryChange {
  public CommitTherapy {
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(coSignature, "coSignature (use Optional.empty())");
  }

  public CommitTherapy(TherapyChecksum checksum) {
    this(checksum, Optional.empty());
  }

  @Override
  public MessageType type() {
    return MessageType.COMMIT_THERAPY;
  }
}
