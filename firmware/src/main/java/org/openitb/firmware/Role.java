// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

/**
 * The authority of whoever sent a command. The link authenticates the sender; the firmware still
 * checks that the role may send the command (last line of defence).
 */
public enum Role {
  /** A clinician programmer: may send every command. */
  CLINICIAN,
  /** The patient's bolus device: may request a patient bolus and interrogate. */
  PATIENT,
  /** A read-only reader: may only interrogate. */
  READ_ONLY
}
