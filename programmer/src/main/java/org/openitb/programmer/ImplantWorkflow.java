// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openitb.link.message.Therapy;
import org.openitb.therapy.calc.Priming;
import org.openitb.therapy.units.Volume;

/**
 * Implant, pump replacement or catheter revision: interrogate, record the initial fill, program
 * the therapy (safety chain, preview, commit, read back), then the priming bolus that brings drug
 * to the catheter tip (therapy {@link Priming}: pump tubing + catheter, or the catheter only when
 * the pump was purged before implant). Stops at the first step that is not confirmed.
 */
public final class ImplantWorkflow {
  private ImplantWorkflow() {}

  /** What the implanting team entered. */
  public record Request(Volume fillVolume, Therapy therapy, Priming.Scope primingScope, Duration primingDuration, Optional<Confirmation> confirmation) {
    public Request {
      Objects.requireNonNull(fillVolume, "fillVolume");
      Objects.requireNonNull(therapy, "therapy");
      Objects.requireNonNull(primingScope, "primingScope");
      Objects.requireNonNull(primingDuration, "primingDuration");
      Objects.requireNonNull(confirmation, "confirmation (use Optional.empty())");
    }
  }

  /** Every step's outcome and the priming computed; {@code completed} when all were confirmed. */
  public record Result(boolean completed, Priming priming, List<Outcome> steps) {
    public Result {
      steps = List.copyOf(steps);
    }
  }

  public static Result run(PumpSession session, Request r) {
    session.recorder.workflow("IMPLANT");
    PatientContext patient = session.patient();
    Priming priming = Priming.of(patient.pump(), patient.catheter(), patient.catheterLengthCm(), r.primingScope());
    session.interrogate();
    List<Outcome> steps = new ArrayList<>();
    var p = r.therapy().prescription();
    Outcome fill = session.refill(r.fillVolume(), p.drug(), p.concentration(), Volume.ZERO);
    steps.add(fill);
    if (!(fill instanceof Outcome.Confirmed)) {
      return new Result(false, priming, steps);
    }
    session.interrogate();
    ProposalOutcome proposal = session.propose(r.therapy());
    if (proposal instanceof Outcome.Refused refused) {
      steps.add(refused);
      return new Result(false, priming, steps);
    }
    Outcome commit = session.commit((Preview) proposal, r.confirmation());
    steps.add(commit);
    if (!(commit instanceof Outcome.Confirmed)) {
      return new Result(false, priming, steps);
    }
    Outcome prime = session.primingBolus(priming.volume(), r.primingDuration());
    steps.add(prime);
    return new Result(prime instanceof Outcome.Confirmed, priming, steps);
  }
}
