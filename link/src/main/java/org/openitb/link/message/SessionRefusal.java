// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Optional;

/** Why the pump refused to open a session (sent in clear, so deliberately vague). */
public enum SessionRefusal implements WireCode {
  /** The device is not trusted for the role it asked for, or its proof failed. */
  AUTH_FAILED(1),
  /** Too many failed attempts; retry after the announced delay. */
  LOCKED_OUT(2),
  /** No protocol version in common. */
  UNSUPPORTED_VERSION(3);

  private final int code;

  SessionRefusal(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** The constant with this wire code, or empty when the code is unknown. */
  public static Optional<SessionRefusal> fromCode(int code) {
    return WireCode.find(values(), code);
  }
}
