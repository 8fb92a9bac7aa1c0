// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** What a login may do. */
enum Role {
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
}
