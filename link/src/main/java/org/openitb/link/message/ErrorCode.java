// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Optional;

/** Why the pump refused a request (in an ErrorReply, which also names the field and the allowed range). */
public enum ErrorCode implements WireCode {
  /** The message body did not decode (field and reason in the reply). */
  MALFORMED(1),
  /** The session's role may not send this message. */
  NOT_PERMITTED(2),
  /** A value lies outside the pump's device or drug-library limits. */
  INVALID_VALUE(3),
  /** The drug is not in the pump's drug library. */
  UNKNOWN_DRUG(4),
  /** A commit named a checksum other than the pending preview's. */
  CHECKSUM_MISMATCH(5),
  /** A commit arrived with no pending proposal. */
  NO_PROPOSAL(6),
  /** The pump cannot do this now (e.g. a bolus is running). */
  BUSY(7),
  /** The pump no longer delivers (end of service) or lacks the feature. */
  NOT_AVAILABLE(8),
  /** The pump failed to handle the request; nothing was changed. */
  INTERNAL(9),
  /** The message is valid but not expected at this point of the exchange. */
  UNEXPECTED(10),
  /** The change needs a second clinician's co-signature, and none came, or it does not verify (8.10). */
  SECOND_PERSON_REQUIRED(11);

  private final int code;

  ErrorCode(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** The constant with this wire code, or empty when the code is unknown. */
  public static Optional<ErrorCode> fromCode(int code) {
    return WireCode.find(values(), code);
  }
}
