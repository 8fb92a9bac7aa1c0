// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.Objects;
import org.openitb.firmware.hal.Tone;

/** One alarm tone the buzzer really sounded, at a virtual instant in milliseconds. */
public record ToneRecord(long atMillis, Tone tone) {
  public ToneRecord {
    Objects.requireNonNull(tone, "tone");
  }
}
