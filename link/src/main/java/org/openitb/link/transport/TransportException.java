// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import org.openitb.link.LinkException;

/** The transport itself failed (closed, an I/O error, a frame over the size limit). */
public class TransportException extends LinkException {
  private static final long serialVersionUID = 1L;

  public TransportException(String message) {
    super(message);
  }

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
