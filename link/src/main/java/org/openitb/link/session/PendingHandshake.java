// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.security.KeyPair;
import org.openitb.link.message.SessionHello;

/**
 * A challenge the pump sent and awaits a response to. It ends with the first valid response or at
 * its timeout; a failed response leaves it outstanding, and only the first failure is answered.
 */
final class PendingHandshake {
  private final SessionHello hello;
  private final byte[] helloFrame;
  private final byte[] challengeFrame;
  private final KeyPair ephemeral;
  private final long sessionId;
  private final long startedAt;
  private boolean refused;
  private final Admission admission;

  PendingHandshake(SessionHello hello, byte[] helloFrame, byte[] challengeFrame, KeyPair ephemeral, long sessionId, long startedAt,
      Admission admission) {
    this.admission = admission;
    this.hello = hello;
    this.helloFrame = helloFrame;
    this.challengeFrame = challengeFrame;
    this.ephemeral = ephemeral;
    this.sessionId = sessionId;
    this.startedAt = startedAt;
  }

  /** The credential's admission state (counter, lockout) this challenge was issued under. */
  Admission admission() {
    return admission;
  }

  SessionHello hello() {
    return hello;
  }

  byte[] helloFrame() {
    return helloFrame;
  }

  byte[] challengeFrame() {
    return challengeFrame;
  }

  KeyPair ephemeral() {
    return ephemeral;
  }

  long sessionId() {
    return sessionId;
  }

  long startedAt() {
    return startedAt;
  }

  /** True when a failed response was already answered with a refusal; marks it answered otherwise. */
  boolean refusedOnce() {
    boolean before = refused;
    refused = true;
    return before;
  }
}
