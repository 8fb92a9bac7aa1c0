// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Optional;

import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Volume;

/**
 * A refill was done: the reservoir now holds {@code reservoirVolume} of {@code drug} at
 * {@code concentration}; {@code withdrawnVolume} is what the clinician drew out first (the pump
 * logs it beside its own expectation for the discrepancy check). The drug travels by name and is
 * resolved in the receiver's drug library. A refill that changes the drug or the concentration of
 * the programmed therapy also carries a second clinician's {@link CoSignature} where the pump's
 * device model says so (link/PROTOCOL.md 8.10).
 */
public record Refill(Volume reservoirVolume, Drug drug, Concentration concentration, Volume withdrawnVolume, Optional<CoSignature> coSignature)
    implements DeliveryChange, CoSignable {
  public Refill(Volume reservoirVolume, Drug drug, Concentration concentration, Volume withdrawnVolume) {
    this(reservoirVolume, drug, concentration, withdrawnVolume, Optional.empty());
  }

  @Override
  public Refill withoutCoSignature() {
    return new Refill(reservoirVolume, drug, concentration, withdrawnVolume);
  }

  @Override
  public Refill withCoSignature(CoSignature coSignature) {
    return new Refill(reservoirVolume, drug, concentration, withdrawnVolume, Optional.of(coSignature));
  }

  public Refill {
    java.util.Objects.requireNonNull(coSignature, "coSignature (use Optional.empty())");
    Check.range("reservoir volume nL", reservoirVolume.nanolitres(), 1, WireLimits.MAX_VOLUME_NL);
    Check.text("drug", drug.name(), 1, WireLimits.MAX_DRUG_NAME_CHARS);
    Check.range("concentration ng/mL", concentration.nanogramsPerMillilitre(), 1, WireLimits.MAX_CONCENTRATION_NG_PER_ML);
    Check.range("withdrawn volume nL", withdrawnVolume.nanolitres(), 0, WireLimits.MAX_VOLUME_NL);
  }

  @Override
  public MessageType type() {
    return MessageType.REFILL;
  }
}
