// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** Adult or child (under 12 years); children use the paediatric dose limits whatever the origin. */
enum AgeGroup {
  ADULT,
  CHILD
}
