// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Optional;

/** The battery's stage of life. */
public enum BatteryState implements WireCode {
  /** Normal service. */
  OK(0),
  /** Elective replacement indicator reached: replace within 90 days. */
  ELECTIVE_REPLACEMENT(1),
  /** End of service: delivery has stopped. */
  END_OF_SERVICE(2);

  private final int code;

  BatteryState(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** The constant with this wire code, or empty when the code is unknown. */
  public static Optional<BatteryState> fromCode(int code) {
    return WireCode.find(values(), code);
  }
}
