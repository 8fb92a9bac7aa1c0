// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openitb.link.message.Therapy;
import org.openitb.therapy.calc.BridgeBolus;
import org.openitb.therapy.calc.RefillCalculator;
import org.openitb.therapy.calc.RefillPlan;
import org.openitb.therapy.calc.RefillReconciliation;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Volume;

/**
 * The refill visit (clinical.md 1.7): interrogate; reconcile the withdrawn volume with the pump's
 * expectation (flagged beyond the model's limit); judge the new therapy (new drug, concentration,
 * dose, low-reservoir alarm) with the safety chain BEFORE anything is sent; record the refill;
 * propose, preview and commit the therapy at the reservoir's concentration; after a
 * concentration change, the bridge bolus that clears the old drug from pump tubing + catheter
 * (therapy {@link BridgeBolus}); then the new alarm and refill-by dates (therapy
 * {@link RefillCalculator}), all in the session record.
 *
 * <p>Guarantees: a refusal by the chain or a missing second person sends nothing; each step's
 * {@link Outcome} is kept; the workflow stops at the first refused or uncertain step and says so.
 */
public final class RefillWorkflow {
  private RefillWorkflow() {}

  /**
   * What the clinician entered. {@code newPrescription} is the prescription after the refill (at
   * the new concentration); {@code bridgeDuration} empty means the computed one.
   */
  public record Request(
      Volume withdrawn, Drug drug, Concentration concentration, Volume fillVolume, Prescription newPrescription, Volume lowReservoirAlarm,
      int bufferDays, Optional<Confirmation> confirmation) {
    public Request {
      Objects.requireNonNull(withdrawn, "withdrawn");
      Objects.requireNonNull(drug, "drug");
      Objects.requireNonNull(concentration, "concentration");
      Objects.requireNonNull(fillVolume, "fillVolume");
      Objects.requireNonNull(newPrescription, "newPrescription");
      Objects.requireNonNull(lowReservoirAlarm, "lowReservoirAlarm");
      Objects.requireNonNull(confirmation, "confirmation (use Optional.empty())");
      if (!newPrescription.concentration().equals(concentration) || !newPrescription.drug().name().equals(drug.name())) {
        throw new IllegalArgumentException("new prescription: must be at the refilled drug and concentration (got "
            + newPrescription.drug().name() + " " + newPrescription.concentration() + "; refilled " + drug.name() + " " + concentration + ")");
      }
    }
  }

  /** What the refill did: the reconciliation, every step's outcome, the bridge and the plan (when completed). */
  public record Result(
      boolean completed, String summary, RefillReconciliation reconciliation, SafetyReport safety, List<Outcome> steps,
      Optional<BridgeBolus> bridge, Optional<RefillPlan> plan) {
    public Result {
      steps = List.copyOf(steps);
    }
  }

  public static Result run(PumpSession session, Request r) {
    session.recorder.workflow("REFILL");
    Interrogation before = session.interrogate();
    PatientContext patient = session.patient();
    RefillReconciliation rec = RefillReconciliation.of(patient.pump(), before.status().reservoir(), r.withdrawn());
    Therapy next = new Therapy(r.newPrescription(), r.lowReservoirAlarm());
    SafetyReport safety = session.chain().evaluate(before.therapy(), next, patient, before.pumpLocalTime());
    List<Outcome> steps = new ArrayList<>();
    Optional<BridgeBolus> bridge = Optional.empty();
    Optional<Concentration> oldConcentration = before.therapy().map(t -> t.prescription().concentration());
    if (oldConcentration.isPresent() && !oldConcentration.get().equals(r.concentration()) && !before.therapy().get().prescription().basal().asFlexSchedule().steps().stream().allMatch(s -> s.rate().isZero())) {
      bridge = Optional.of(BridgeBolus.of(DailyDose.of(before.therapy().get().prescription()), oldConcentration.get(), r.concentration(), patient.deadVolume(), patient.pump()));
    }
    Optional<String> early = safety.refused() ? Optional.of("the safety chain refused the new therapy: "
        + SafetyReport.messages(safety.refusals()))
        : safety.secondPersonRequired() && r.confirmation().isEmpty() ? Optional.of("second-person confirmation required: "
        + SafetyReport.messages(safety.secondPersonReasons()))
        : r.confirmation().filter(c -> c.by().equalsIgnoreCase(session.operator().id())).map(c -> "second-person confirmation must come from a user other than the operator (got '" + c.by() + "')");
    if (early.isPresent()) {
      Outcome refused = new Outcome.Refused("refill", false, early.get() + "; nothing was sent", safety.checks());
      steps.add(refused);
      session.note(refused, before.therapy(), Optional.of(next), r.confirmation());
      session.recorder.refill = entry(rec, r, bridge, Optional.empty());
      return new Result(false, "refused before anything was sent: " + early.get(), rec, safety, steps, bridge, Optional.empty());
    }
    Outcome refill = session.refill(r.fillVolume(), r.drug(), r.concentration(), r.withdrawn(), r.confirmation());
    steps.add(refill);
    if (!(refill instanceof Outcome.Confirmed)) {
      return stopped(session, rec, r, safety, steps, bridge, "the refill was not confirmed");
    }
    session.interrogate(); // the pump's own view after the refill: a firmware may already run the old doses at the new concentration
    ProposalOutcome proposal = session.propose(next);
    if (proposal instanceof Outcome.Refused refused) {
      steps.add(refused);
      return stopped(session, rec, r, safety, steps, bridge, "the new therapy was not accepted after the refill; the pump holds the new drug"
          + " with its old doses: reprogram before the patient leaves");
    }
    Preview preview = (Preview) proposal;
    Outcome commit = session.commit(preview, r.confirmation());
    steps.add(commit);
    if (!(commit instanceof Outcome.Confirmed)) {
      return stopped(session, rec, r, safety, steps, bridge, "the new therapy was not confirmed");
    }
    if (bridge.isPresent()) {
      Duration d = bridge.get().bridgeDuration();
      Outcome b = session.bridgeBolus(bridge.get().bridgeVolume(), d);
      steps.add(b);
      if (!(b instanceof Outcome.Confirmed)) {
        return stopped(session, rec, r, safety, steps, bridge, "the bridge bolus was not confirmed");
      }
    }
    RefillPlan plan = RefillCalculator.plan(patient.pump(), r.fillVolume(), before.pumpLocalTime(), r.newPrescription(), r.lowReservoirAlarm(), r.bufferDays());
    session.recorder.refill = entry(rec, r, bridge, Optional.of(plan));
    String summary = "refilled " + r.fillVolume() + " of " + r.drug().name() + " " + r.concentration() + "; "
        + (rec.flagged() ? "DISCREPANCY FLAGGED: " + rec.interpretation() + "; " : "withdrawn volume within " + rec.limit() + " of expected; ")
        + bridge.map(b -> "bridge bolus " + b.bridgeVolume() + " over " + b.bridgeDuration().toMinutes() + " min; ").orElse("")
        + "alarm expected " + plan.alarmAt().map(Object::toString).orElse("not within the horizon") + ", refill by " + plan.refillBy();
    return new Result(true, summary, rec, safety, steps, bridge, Optional.of(plan));
  }

  private static Result stopped(PumpSession session, RefillReconciliation rec, Request r, SafetyReport safety, List<Outcome> steps,
      Optional<BridgeBolus> bridge, String why) {
    session.recorder.refill = entry(rec, r, bridge, Optional.empty());
    return new Result(false, why + " (" + steps.get(steps.size() - 1) + ")", rec, safety, steps, bridge, Optional.empty());
  }

  private static SessionRecord.RefillEntry entry(RefillReconciliation rec, Request r, Optional<BridgeBolus> bridge, Optional<RefillPlan> plan) {
    SessionRecord.BridgeEntry b = bridge.map(x -> new SessionRecord.BridgeEntry(x.deadVolume().toString(), x.bridgeVolume().toString(),
        x.bridgeDuration().toMinutes(), x.oldConcentration().toString(), x.newConcentration().toString(), x.effectWithoutBridge().name())).orElse(null);
    return new SessionRecord.RefillEntry(rec.expected().toString(), rec.withdrawn().toString(), rec.discrepancy().toString(), rec.limit().toString(),
        rec.flagged(), rec.interpretation(), r.drug().name(), r.concentration().toString(), r.fillVolume().toString(), b,
        r.lowReservoirAlarm().toString(), plan.flatMap(RefillPlan::alarmAt).map(Object::toString).orElse(null),
        plan.flatMap(RefillPlan::conservativeAlarmAt).map(Object::toString).orElse(null), plan.map(p -> p.refillBy().toString()).orElse(null),
        plan.map(p -> p.boundBy().name()).orElse(null), plan.map(RefillPlan::warnings).orElse(List.of()));
  }
}
