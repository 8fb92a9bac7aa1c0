// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

/** What the pump's endpoint did with one received frame; every frame gets exactly one verdict. */
public enum FrameVerdict {
  /** Authenticated, permitted and handed on (or, for the handshake, answered). */
  ACCEPTED(true),
  /** A {@code SESSION_CLOSE}: the session ended at the device's request. */
  SESSION_CLOSED(true),
  /** Handed to the request handler, which refused it with an error reply; nothing changed. */
  HANDLER_REFUSED(false),
  /** The request handler failed or answered with the wrong reply type; an INTERNAL error was sent. */
  HANDLER_FAILED(false),
  /** A hello without proximity: ignored, no reply (the pump would not hear it). */
  NO_PROXIMITY(false),
  /** A hello during a failed-authentication lockout: dropped before any cryptography. */
  LOCKED_OUT(false),
  /** Not a frame or not a message (bad header, length, body). */
  MALFORMED(false),
  /** A hello with no protocol version in common. */
  UNSUPPORTED_VERSION(false),
  /** A hello from a device id not trusted for the role it claims (a serial number or id alone grants nothing). */
  UNKNOWN_DEVICE(false),
  /** A response whose signature does not verify with the trusted key. */
  BAD_SIGNATURE(false),
  /** A response with no matching challenge outstanding. */
  NO_HANDSHAKE(false),
  /** A response after the handshake timeout. */
  HANDSHAKE_EXPIRED(false),
  /** A sealed frame while no session is open, or for an unknown session. */
  NO_SESSION(false),
  /** A frame of a session that ended (expired, closed or superseded): its keys are gone. */
  STALE_SESSION(false),
  /** A sealed frame whose sequence number is not above the last one accepted. */
  REPLAY(false),
  /** A byte-identical copy of the last request: answered again from the cache, not executed again. */
  RETRANSMISSION(false),
  /** A sealed frame whose authentication tag does not verify (modified, truncated, forged). */
  TAMPERED(false),
  /** A message type the session's role may not send (checked again by the pump whatever the device did). */
  WRONG_ROLE(false),
  /** A message type that only the pump sends. */
  WRONG_DIRECTION(false),
  /** Not a frame verdict but a session event: a newly authenticated session replaced this device's session. */
  SESSION_SUPERSEDED(false);

  private final boolean accepted;

  FrameVerdict(boolean accepted) {
    this.accepted = accepted;
  }

  /** True when the frame's request went through; false for every refusal. */
  public boolean accepted() {
    return accepted;
  }
}
