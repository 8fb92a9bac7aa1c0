// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

/** Stored bytes that passed no check or decode to nonsense; the caller treats the copy as unverified. */
public final class CorruptDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CorruptDataException(String message) {
    super(message);
  }

  CorruptDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
