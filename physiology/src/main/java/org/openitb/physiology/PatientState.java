// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

/**
 * A snapshot of one patient at one virtual instant.
 *
 * @param atMillis the instant, virtual milliseconds
 * @param tipFlow drug mass rate at the catheter tip in force from this instant, µg/h
 * @param tipRegion CSF concentration of the catheter-tip region, µg/mL
 * @param cisternal cisternal (supraspinal) CSF concentration, µg/mL
 * @param effectSite spinal effect-site concentration, µg/mL
 * @param adaptation pharmacological adaptation (tolerance), dimensionless
 * @param withdrawalSignal relative shortfall of drug against adaptation, 1 − (1 + κ·E)/(1 + A)
 * @param overdoseSignal supraspinal exposure relative to the adapted supraspinal scale
 * @param tone continuous tone on the 0-4 Ashworth scale (no rater noise)
 * @param withdrawal withdrawal stage
 * @param overdose overdose stage
 */
public record PatientState(long atMillis, double tipFlow, double tipRegion, double cisternal, double effectSite,
    double adaptation, double withdrawalSignal, double overdoseSignal, double tone,
    WithdrawalStage withdrawal, OverdoseStage overdose) {}
