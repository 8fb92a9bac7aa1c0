// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.util.Optional;
import org.openitb.link.LinkException;
import org.openitb.link.message.SessionRefused;

/** A session could not be opened; {@link #failure()} says why and {@link #refusal()} carries the pump's answer, if any. */
public class SessionSetupException extends LinkException {
  private static final long serialVersionUID = 1L;

  /** Why the session did not open. */
  public enum Failure {
    /** The pump refused (authentication failed, locked out, no common version). */
    REFUSED,
    /** The answering pump's serial is not among the device's paired pumps. */
    UNTRUSTED_PUMP,
    /** The pump's challenge signature did not verify: not the pump it claims to be. */
    BAD_PUMP_SIGNATURE,
    /** The pump answered with something the handshake does not allow. */
    PROTOCOL,
    /** No valid answer after every retransmission (no proximity, out of range, locked out silently). */
    NO_ANSWER
  }

  private final Failure failure;
  private final transient Optional<SessionRefused> refusal;

  public SessionSetupException(Failure failure, String message, Optional<SessionRefused> refusal) {
    super(failure + ": " + message);
    this.failure = failure;
    this.refusal = refusal;
  }

  public Failure failure() {
    return failure;
  }

  public Optional<SessionRefused> refusal() {
    return refusal;
  }
}
