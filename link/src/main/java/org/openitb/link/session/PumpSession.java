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
  /** The handshake's transcript hash th, which command co-signatures bind (PROTOCOL.md 8.10). */
  final byte[] transcriptHash;
  private long lastActivity;
  /** The last answered request and its reply, for answering a retransmission. */
  LastExchange lastExchange;
  /** Copies of the last request answered from {@link #lastExchange} so far. */
  int retransmissionsAnswered;

  /** The last answered request frame and its reply frame. */
  record LastExchange(byte[] request, byte[] reply) {}

  PumpSession(long id, String deviceId, Role role, SessionKeys keys, long now, byte[] transcriptHash) {
    this.transcriptHash = transcriptHash.clone();
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
}
