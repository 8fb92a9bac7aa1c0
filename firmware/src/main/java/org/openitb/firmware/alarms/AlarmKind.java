// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.alarms;

import org.openitb.firmware.hal.Tone;

/**
 * Every alarm the pump can raise, with the tone it sounds (clinical.md 1.4). Critical alarms mean
 * drug is not flowing or delivery is unsafe; non-critical ones need attention soon.
 */
public enum AlarmKind {
  /** The believed reservoir volume fell to the programmed low-reservoir alarm volume. */
  LOW_RESERVOIR(Tone.NON_CRITICAL_SINGLE_TONE),
  /** Elective replacement indicator: the pump stops at end of service 90 days later. */
  REPLACEMENT_INDICATOR(Tone.NON_CRITICAL_SINGLE_TONE),
  /** One settings copy failed its checksum; the pump runs on the other, verified copy and repaired it. */
  SETTINGS_COPY_CORRUPTED(Tone.NON_CRITICAL_SINGLE_TONE),
  /** Writing the event log or the settings failed (GPCA treats a logging failure as a fault); therapy continues. */
  LOG_FAILURE(Tone.NON_CRITICAL_SINGLE_TONE),
  /** The reservoir is (believed) empty: delivery stopped before running dry. */
  RESERVOIR_EMPTY(Tone.CRITICAL_TWO_TONE),
  /** End of service (battery or maximum service life): delivery stopped. */
  END_OF_SERVICE(Tone.CRITICAL_TWO_TONE),
  /** The rotor did not turn on repeated stroke attempts. */
  MOTOR_STALL(Tone.CRITICAL_TWO_TONE),
  /** The rotor turned without a command: motor power was cut. */
  MOTOR_RUNAWAY(Tone.CRITICAL_TWO_TONE),
  /** The independent safety monitor refused a stroke the dose engine wanted: delivery stopped. */
  DELIVERY_FAULT(Tone.CRITICAL_TWO_TONE),
  /** Both settings copies failed their checksums: the pump never runs unverified settings, so it stopped. */
  SETTINGS_LOST(Tone.CRITICAL_TWO_TONE),
  /** A deliberate stop outlived its expiry. */
  STOP_EXPIRED(Tone.CRITICAL_TWO_TONE),
  /** Too many resets within a day: the firmware keeps restarting. */
  RESET_LOOP(Tone.CRITICAL_TWO_TONE);

  private final Tone tone;

  AlarmKind(Tone tone) {
    this.tone = tone;
  }

  /** The tone this alarm sounds. */
  public Tone tone() {
    return tone;
  }

  /** True for a two-tone (critical) alarm. */
  public boolean critical() {
    return tone == Tone.CRITICAL_TWO_TONE;
  }
}
