// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import org.openitb.link.Role;

/** The pump's open session: who, in which role, its two cipher states and its timing. */
final class PumpSession {
  final long id;
  final String deviceId;
  final Role role;
  final CipherState receive;
  final CipherState send;
  final long openedAt;
  private long lastActivity;
  private int tamperedFrames;

  PumpSession(long id, String deviceId, Role role, SessionKeys keys, long now) {
    this.id = id;
    this.deviceId = deviceId;
    this.role = role;
    this.receive = new CipherState(keys.toPumpKey(), keys.toPumpIv(), id);
    this.send = new CipherState(keys.fromPumpKey(), keys.fromPumpIv(), id);
    this.openedAt = now;
    this.lastActivity = now;
  }

  boolean expired(long now) {
    return now - openedAt >= PumpEndpoint.SESSION_LIFETIME_MILLIS || now - lastActivity >= PumpEndpoint.SESSION_IDLE_MILLIS;
  }

  void touch(long now) {
    lastActivity = now;
  }

  /** Counts a frame that failed authentication; true once the session has seen too many. */
  boolean tamperedTooOften() {
    return ++tamperedFrames >= PumpEndpoint.MAX_TAMPERED_FRAMES_PER_SESSION;
  }
}
