// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/**
 * The telemetry radio. Frames arrive through {@link Interrupts#onRadioFrame(byte[])}. Every byte
 * sent or received costs battery charge, which the hardware accounts for.
 */
public interface Radio {
  void send(byte[] frame);

  /** True while a programmer head or patient device is held close to the implant (required to open a session). */
  boolean proximity();
}
