// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/**
 * The real-time clock: a monotonic counter of milliseconds since the pump was manufactured, and
 * one wake-up alarm. It keeps counting through resets. Pump-local wall time is kept by the
 * firmware as an offset from this counter, set by a programmer.
 */
public interface Rtc {
  /** Milliseconds since manufacture; never goes backwards. */
  long nowMillis();

  /** Arms the single wake-up alarm at {@code atMillis} (replacing any earlier one); in the past means "as soon as possible". */
  void wakeAt(long atMillis);
}
