// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string compared by content (keys, signatures, checksums). Copies on the way
 * in and out, so a caller can never change a message after it was built.
 */
public record Octets(byte[] bytes) {
  public Octets {
    bytes = bytes.clone();
  }

  public static Octets of(byte[] bytes) {
    return new Octets(bytes);
  }

  public static Octets fromHex(String hex) {
    return new Octets(HexFormat.of().parseHex(hex));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
