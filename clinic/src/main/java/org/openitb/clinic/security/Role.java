// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import org.openitb.programmer.ClinicalRole;

/** What a login may do. */
public enum Role {
  /** Prescribes, records and plans every clinical item. */
  CLINICIAN,
  /** Records refills, alarms, MRI checks and trials; does not prescribe. */
  NURSE,
  /** Manages logins and reads the audit log; no clinical writes. */
  ADMINISTRATOR,
  /** Reads their own record, card and calendar only. */
  PATIENT;

  boolean clinicalStaff() {
    return this == CLINICIAN || this == NURSE;
  }

  /** The role the programmer records for this login as an operator or second person: a nurse, else a physician. */
  public ClinicalRole clinicalRole() {
    return this == NURSE ? ClinicalRole.NURSE : ClinicalRole.PHYSICIAN;
  }
}
