// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

/** The one-off boluses the pump delivers on top of the basal program. */
public enum BolusKind {
  /** A clinician bolus: a dose over a duration. */
  CLINICIAN,
  /** A priming bolus: pushes drug through the pump tubing and catheter after implant or revision. */
  PRIMING,
  /** A bridge: the old-concentration fluid in tubing and catheter at the old dose, then the new program. */
  BRIDGE,
  /** A patient-requested bolus within the clinician's allowance. */
  PATIENT
}
