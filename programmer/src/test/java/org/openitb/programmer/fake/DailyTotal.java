// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer.fake;

import org.openitb.link.message.Therapy;

/** The basal daily dose at noon, in ng, for log values (a test pump's approximation). */
final class DailyTotal {
  private DailyTotal() {}

  static long ng(Therapy t) {
    return t.prescription().basal().rateAt(java.time.LocalTime.NOON).nanogramsPerDay();
  }
}
