// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

/** Adult or child (under 12 years); children use the paediatric dose limits whatever the origin. */
public enum AgeGroup {
  ADULT,
  CHILD
}
