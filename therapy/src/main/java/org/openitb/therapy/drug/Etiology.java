// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.drug;

/**
 * The origin of the spasticity, which sets the dose limits and the titration guardrails. Children
 * (under 12 years) use {@link #PAEDIATRIC} whatever the origin.
 */
public enum Etiology {
  SPINAL,
  CEREBRAL,
  PAEDIATRIC
}
