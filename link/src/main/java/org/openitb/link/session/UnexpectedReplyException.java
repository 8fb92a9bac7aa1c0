// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import org.openitb.link.LinkException;

/** An authenticated answer that breaks the protocol (wrong type, undecodable, inconsistent preview). */
public class UnexpectedReplyException extends LinkException {
  private static final long serialVersionUID = 1L;

  public UnexpectedReplyException(String message) {
    super(message);
  }
}
