// SPDX-License-Identifier: Apache-2.0
package org.openitb.link;

/**
 * The root of every failure the link reports: malformed input, refused sessions, refusals from
 * the pump, timeouts and transport failures. Callers that must never crash on link input catch
 * this one type.
 */
public class LinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LinkException(String message) {
    super(message);
  }

  public LinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
