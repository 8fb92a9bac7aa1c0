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

  /**
   * A fixed number that enters each patient's seed: written out rather than taken from the
   * declaration order, so reordering the constants does not redraw every virtual population.
   */
  int seedCode() {
    return switch (this) {
      case CEREBRAL -> 0;
      case SPINAL -> 1;
      case MULTIPLE_SCLEROSIS -> 2;
    };
  }

  /** The therapy module's etiology, which sets dose limits: children use the paediatric limits. */
  public org.openitb.therapy.drug.Etiology therapyEtiology(AgeGroup age) {
    if (age == AgeGroup.CHILD) {
      return org.openitb.therapy.drug.Etiology.PAEDIATRIC;
    }
    return this == CEREBRAL ? org.openitb.therapy.drug.Etiology.CEREBRAL : org.openitb.therapy.drug.Etiology.SPINAL;
  }
}
