// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/**
 * Identifies one exact therapy: the first 8 bytes of SHA-256 over its canonical encoding (see
 * {@code MessageCodec.checksum}). A commit names the checksum of the preview the clinician saw,
 * so the pump commits exactly what was previewed or nothing.
 */
public record TherapyChecksum(Octets value) {
  /** The checksum a pump reports when it holds no therapy at all. */
  public static final TherapyChecksum NONE = new TherapyChecksum(new Octets(new byte[WireLimits.CHECKSUM_BYTES]));

  public TherapyChecksum {
    Check.length("checksum", value, WireLimits.CHECKSUM_BYTES);
  }

  public static TherapyChecksum fromHex(String hex) {
    return new TherapyChecksum(Octets.fromHex(hex));
  }

  @Override
  public String toString() {
    return value.hex();
  }
}
