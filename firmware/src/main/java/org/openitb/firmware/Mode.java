// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

/** What the pump is doing. Only {@link #RUNNING} delivers drug. */
public enum Mode {
  /** Never programmed (on the shelf, or blank memory at first power-on); no alarm. */
  NOT_PROGRAMMED,
  /** Delivering the programmed therapy (which may be boluses only). */
  RUNNING,
  /** Deliberately stopped by a clinician until the stop's expiry. */
  STOPPED,
  /** A deliberate stop outlived its expiry: still stopped, critical alarm until resumed or reprogrammed. */
  STOP_EXPIRED,
  /** The believed reservoir volume reached the empty threshold: stopped before running dry until refilled. */
  RESERVOIR_EMPTY,
  /** End of service (battery or maximum service life): delivery stopped for good; replace the pump. */
  END_OF_SERVICE,
  /** A fault made delivery unsafe (settings lost, runaway motor, delivery fault): stopped, critical alarm. */
  SAFE_STATE;

  /** True when the pump delivers drug in this mode. */
  public boolean delivers() {
    return this == RUNNING;
  }
}
