// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

/** Children (under 12 years, as therapy's paediatric limits) and adults. */
public enum AgeGroup {
  CHILD,
  ADULT;

  /** A fixed number that enters each patient's seed (see {@link Etiology#seedCode()}). */
  int seedCode() {
    return this == CHILD ? 0 : 1;
  }
}
