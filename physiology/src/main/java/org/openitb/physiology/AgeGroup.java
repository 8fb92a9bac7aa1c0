// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

/** Children (under 12 years, as therapy's paediatric limits) and adults. */
public enum AgeGroup {
  CHILD,
  ADULT
}
