// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.openitb.link.message.Therapy;

/** What the safety chain judges: the therapy running now (if any), the proposal, the patient, and pump-local now. */
record ProposedChange(Optional<Therapy> current, Therapy proposed, PatientContext patient, LocalDateTime pumpLocalNow) {
  ProposedChange {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(proposed, "proposed");
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(pumpLocalNow, "pumpLocalNow");
  }

  boolean concentrationChanges() {
    return current.isPresent() && !current.get().prescription().concentration().equals(proposed.prescription().concentration());
  }

  boolean drugChanges() {
    return current.isPresent() && !current.get().prescription().drug().name().equals(proposed.prescription().drug().name());
  }
}
