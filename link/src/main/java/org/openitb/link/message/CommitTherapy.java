// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** Commits the pending proposal whose preview had this checksum; any other checksum changes nothing. */
public record CommitTherapy(TherapyChecksum checksum) implements DeliveryChange {
  @Override
  public MessageType type() {
    return MessageType.COMMIT_THERAPY;
  }
}
