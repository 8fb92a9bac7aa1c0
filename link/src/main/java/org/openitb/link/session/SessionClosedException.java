// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import org.openitb.link.LinkException;

/** The session was closed by this side; open a new one. */
public class SessionClosedException extends LinkException {
  private static final long serialVersionUID = 1L;

  public SessionClosedException() {
    super("session closed");
  }
}
