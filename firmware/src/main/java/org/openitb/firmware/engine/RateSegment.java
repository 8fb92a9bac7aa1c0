// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

/**
 * A mutable piece of the rate profile: {@code rate} units per millisecond until RTC {@code end}
 * (exclusive). Mutable and reused so that the per-stroke path allocates nothing.
 */
final class RateSegment {
  long rate;
  long end;
}
