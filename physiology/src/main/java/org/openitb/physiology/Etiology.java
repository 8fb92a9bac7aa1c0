// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

/**
 * The origin of the spasticity, as the long-term dose studies group it (physiology.md 1.3:
 * cerebral, spinal, multiple sclerosis).
 */
public enum Etiology {
  /** Cerebral palsy, brain injury, stroke. */
  CEREBRAL,
  /** Spinal cord injury and other spinal origins. */
  SPINAL,
  /** Multiple sclerosis. */
  MULTIPLE_SCLEROSIS;

  /** The therapy module's etiology, which sets dose limits: children use the paediatric limits. */
  public org.openitb.therapy.drug.Etiology therapyEtiology(AgeGroup age) {
    if (age == AgeGroup.CHILD) {
      return org.openitb.therapy.drug.Etiology.PAEDIATRIC;
    }
    return this == CEREBRAL ? org.openitb.therapy.drug.Etiology.CEREBRAL : org.openitb.therapy.drug.Etiology.SPINAL;
  }
}
