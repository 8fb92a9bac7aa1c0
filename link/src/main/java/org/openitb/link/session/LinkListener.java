// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

/**
 * Receives a {@link FrameReport} for every frame the pump's endpoint accepts or refuses, so the
 * firmware can put it in its event log (DESIGN.md invariant 8). Called on the endpoint's thread
 * before the reply is returned.
 */
@FunctionalInterface
public interface LinkListener {
  LinkListener NONE = report -> { };

  void onFrame(FrameReport report);
}
