// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

/** A clinician or priming bolus of the last 24 h, counted toward the daily hard limit. */
public record RecentBolus(long startRtc, long units) {}
