// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyChecksum;
import org.openitb.link.message.TherapyPreview;

/**
 * The Finish screen of a proposal: the therapy running now beside the proposed one (as the pump
 * itself returned them), the safety chain's checks, and the checksum a commit names. Guarantees:
 * the pump validated the proposal and holds it pending, nothing has changed yet, and
 * {@link #checksum()} is that of {@link #proposed()}.
 */
public record Preview(Optional<Therapy> current, Therapy proposed, TherapyChecksum checksum, SafetyReport safety, TherapyPreview pumpPreview)
    implements ProposalOutcome {
  public Preview {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(proposed, "proposed");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(safety, "safety");
    Objects.requireNonNull(pumpPreview, "pumpPreview");
  }

  /** True when a {@link Confirmation} by a different user is needed to commit. */
  public boolean secondPersonRequired() {
    return safety.secondPersonRequired();
  }

  /** Rows of (field, old, new) in clinical units, daily totals always shown. */
  public List<List<String>> sideBySide() {
    return TherapyView.sideBySide(current.map(TherapyView::of).orElse(null), TherapyView.of(proposed));
  }
}
