// SPDX-License-Identifier: Apache-2.0
/**
 * The virtual intrathecal baclofen patient (DESIGN.md 4 "Physiology", ../shared/reference/physiology.md).
 *
 * <p>How a simulator uses it:
 * <pre>
 * PatientParameters pp = Population.of(Etiology.SPINAL, AgeGroup.ADULT).sample(cohortSeed, patientId);
 * Patient patient = Patient.adaptedTo(pp, startMillis, 300, 2.0)     // or Patient.naive(pp, startMillis)
 *     .listener((at, withdrawal, overdose) -&gt; ...);                  // stage changes at exact instants
 * patient.deliver(fromMillis, toMillis, micrograms);                 // true tip mass, aggregated strokes
 * patient.setTipFlow(atMillis, microgramsPerHour);                   // or a piecewise-constant rate
 * patient.bolus(atMillis, micrograms);                               // an impulse at the tip
 * long due = patient.nextStageChangeMillis();                        // schedule it on the one clock
 * patient.advanceTo(visitMillis); AshworthGrade mas = patient.rateTone();
 * </pre>
 *
 * <p>{@link org.openitb.physiology.Patient} states the model and its contract; {@link
 * org.openitb.physiology.Population} the distributions; {@link org.openitb.physiology.PatientParameters}
 * every value with its source. {@code double} is used throughout (the no-floating-point rule covers
 * therapy and firmware); the module depends only on {@code therapy} and never on the pump.
 */
package org.openitb.physiology;
