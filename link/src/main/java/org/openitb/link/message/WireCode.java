// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Optional;

/** An enumeration carried on the wire as a one-byte code. Codes are never reused across versions. */
public interface WireCode {
  int code();

  static <E extends WireCode> Optional<E> find(E[] values, int code) {
    for (E e : values) {
      if (e.code() == code) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
