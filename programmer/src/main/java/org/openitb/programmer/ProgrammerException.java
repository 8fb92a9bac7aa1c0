// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

/**
 * A read the programmer needed could not be done (no answer, session closed, pump refused a
 * read). Reads never change delivery: the message says what failed and what to do next.
 */
public class ProgrammerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProgrammerException(String message, Throwable cause) {
    super(message, cause);
  }
}
