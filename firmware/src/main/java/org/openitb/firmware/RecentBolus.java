// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

/** A clinician or priming bolus of the last 24 h, counted toward the daily hard limit. */
record RecentBolus(long startRtc, long units) {}
