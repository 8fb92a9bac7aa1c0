// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Optional;

/** What the pump's motor is doing as the pump itself believes it. */
public enum DeliveryState implements WireCode {
  /** Delivering the programmed therapy (a Stopped basal program with no bolus also reports this). */
  DELIVERING(0),
  /** Deliberately stopped by a clinician; escalates to a critical alarm at the stop's expiry. */
  STOPPED(1),
  /** The motor stalled (e.g. in an MRI scanner); recovery is being attempted. */
  STALLED(2),
  /** The battery reached end of service or the hard life limit; the pump no longer delivers. */
  END_OF_SERVICE(3);

  private final int code;

  DeliveryState(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** The constant with this wire code, or empty when the code is unknown. */
  public static Optional<DeliveryState> fromCode(int code) {
    return WireCode.find(values(), code);
  }
}
