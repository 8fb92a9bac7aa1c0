// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Optional;
import org.openitb.therapy.units.InvalidValueException;

/** The therapy the pump is running (empty for a pump never programmed) and its checksum. */
public record TherapyReport(Optional<Therapy> therapy, TherapyChecksum checksum) implements Reply {
  public TherapyReport {
    if (therapy.isEmpty() && !checksum.equals(TherapyChecksum.NONE)) {
      throw new InvalidValueException("checksum", checksum.toString(), TherapyChecksum.NONE.toString(), "a pump without therapy reports the all-zero checksum");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.THERAPY_REPORT;
  }
}
