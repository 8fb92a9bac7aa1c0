// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

/** Told every {@link SessionEvent} of a {@link PumpSession}, in order, on the calling thread. */
@FunctionalInterface
public interface SessionListener {
  SessionListener NONE = e -> { };

  void on(SessionEvent event);
}
