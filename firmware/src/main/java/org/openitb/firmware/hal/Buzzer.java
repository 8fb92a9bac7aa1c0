// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/** The alarm buzzer. */
public interface Buzzer {
  void sound(Tone tone);
}
