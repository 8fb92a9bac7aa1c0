// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

/** The clinical role of a person using the programmer. */
public enum ClinicalRole {
  PHYSICIAN,
  NURSE,
  PHARMACIST
}
