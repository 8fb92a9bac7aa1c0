// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** Which way a message travels. */
public enum Direction {
  /** From a programmer or patient device to the pump. */
  TO_PUMP,
  /** From the pump back to the device. */
  FROM_PUMP
}
