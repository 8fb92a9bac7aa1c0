// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/** The two alarm sounds patients are trained to recognise (clinical.md 1.4). */
public enum Tone {
  /** 3-second two-tone: critical, drug is no longer flowing or soon will not be. */
  CRITICAL_TWO_TONE,
  /** 1-second single tone: non-critical, attention needed. */
  NON_CRITICAL_SINGLE_TONE
}
