// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import org.openitb.link.message.MessageType;
import org.openitb.link.message.TherapyChecksum;

/** A change sent without an acknowledgement, waiting for the next interrogation to say what the pump did. */
sealed interface Pending {
  String action();

  /** A therapy commit: the pump runs either {@code oldChecksum} or {@code newChecksum}. */
  record Commit(String action, TherapyChecksum oldChecksum, TherapyChecksum newChecksum) implements Pending {}

  /** A command: done if the pump logged {@code eventCode} after {@code eventBefore}. */
  record Command(String action, MessageType type, int eventCode, long eventBefore) implements Pending {}
}
