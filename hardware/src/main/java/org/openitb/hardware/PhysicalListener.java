// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import org.openitb.firmware.hal.Tone;

/**
 * The physical truth of one pump as it happens, for the simulator and the patient's physiology.
 * Every method has a no-op default, so a consumer overrides only what it needs. Callbacks run
 * synchronously on the thread that drives the pump, in virtual-time order, with the instant in
 * virtual milliseconds.
 *
 * <p>{@link #onStroke} runs once per rotor rotation (millions over a pump's life): it takes only
 * primitives so that reporting allocates nothing. A callback must not call back into the same
 * pump's {@link SimulatedPump#runUntil(long)} or {@link SimulatedPump#receive(byte[])}; schedule
 * such work instead (the pump refuses re-entry).
 */
public interface PhysicalListener {
  /** A listener that ignores everything. */
  PhysicalListener NONE = new PhysicalListener() {};

  /**
   * The rotor turned once, commanded by the firmware or not (a runaway motor), and pushed
   * {@code volumeNanolitres} out of the catheter tip into the patient carrying {@code massNanograms}
   * of drug. Both are zero when the reservoir is empty (the pump moves air) or the catheter is
   * occluded.
   */
  default void onStroke(long atMillis, long volumeNanolitres, long massNanograms, boolean commanded) {}

  /**
   * Part of a stroke leaked out of the catheter into the tissue before the tip (a {@link
   * Fault.CatheterLeak} or {@link Fault.CatheterDisconnection}); the rest is reported by the
   * {@link #onStroke} that follows. Primitives only, like {@link #onStroke}.
   */
  default void onCatheterLeak(long atMillis, long volumeNanolitres, long massNanograms) {}

  /** A commanded stroke did not turn the rotor; nothing moved. */
  default void onStall(long atMillis, StallCause cause) {}

  /** The buzzer sounded. */
  default void onTone(long atMillis, Tone tone) {}

  /** The firmware was (re)created and its {@code onReset} is about to run. */
  default void onReset(long atMillis, ResetCause cause) {}

  /** An injected fault took effect. */
  default void onFaultApplied(long atMillis, Fault fault) {}

  /** Drug went into the tissue pocket around the pump instead of the reservoir. */
  default void onPocketFill(long atMillis, long volumeNanolitres, long massNanograms) {}

  /** The radio put a frame on the air and it was not lost; {@code frame} is the listener's own copy. */
  default void onFrameSent(long atMillis, byte[] frame) {}

  /** The battery is exhausted: from now on the pump is dead (no firmware, no motor, no radio). */
  default void onBatteryDepleted(long atMillis) {}
}
