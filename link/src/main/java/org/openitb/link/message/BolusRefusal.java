// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Optional;

/** Why a patient bolus was refused; NONE when it was granted. */
public enum BolusRefusal implements WireCode {
  /** Granted. */
  NONE(0),
  /** The prescription has no patient bolus allowance. */
  NO_ALLOWANCE(1),
  /** The lockout since the previous patient bolus has not ended. */
  LOCKOUT(2),
  /** The day's allowed number of patient boluses is used up. */
  DAILY_LIMIT(3),
  /** The device asked for a dose other than the one prescribed (its status was stale). */
  DOSE_MISMATCH(4),
  /** Delivery is stopped, stalled or out of service. */
  DELIVERY_STOPPED(5),
  /** Another bolus is running. */
  BOLUS_ACTIVE(6),
  /** The reservoir holds too little drug for the bolus. */
  RESERVOIR_LOW(7);

  private final int code;

  BolusRefusal(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** The constant with this wire code, or empty when the code is unknown. */
  public static Optional<BolusRefusal> fromCode(int code) {
    return WireCode.find(values(), code);
  }
}
