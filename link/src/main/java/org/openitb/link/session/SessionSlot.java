// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import org.openitb.link.Role;

/**
 * The pump holds at most one session per slot: a clinician programmer's, and one patient or
 * read-only device's. A new session replaces only the session in its own slot, so a patient
 * checking the PTM never ends a clinician's programming session or drops its proposal.
 */
enum SessionSlot {
  CLINICIAN,
  PATIENT_OR_READ_ONLY;

  static SessionSlot of(Role role) {
    return role == Role.CLINICIAN ? CLINICIAN : PATIENT_OR_READ_ONLY;
  }
}
