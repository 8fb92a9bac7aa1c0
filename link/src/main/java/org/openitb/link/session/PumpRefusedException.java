// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import org.openitb.link.LinkException;
import org.openitb.link.message.ErrorReply;
import org.openitb.link.message.MessageType;

/** The pump answered a request with an {@link ErrorReply}: it refused and changed nothing. */
public class PumpRefusedException extends LinkException {
  private static final long serialVersionUID = 1L;
  private final MessageType request;
  private final transient ErrorReply error;

  public PumpRefusedException(MessageType request, ErrorReply error) {
    super(request + " refused: " + error.code() + (error.field().isEmpty() ? "" : " (" + error.field() + ")") + " " + error.detail());
    this.request = request;
    this.error = error;
  }

  public MessageType request() {
    return request;
  }

  public ErrorReply error() {
    return error;
  }
}
