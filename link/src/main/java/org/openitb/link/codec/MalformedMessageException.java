// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import org.openitb.link.LinkException;

/**
 * Input that is not a valid message: too short, too long, a value out of range, an unknown code.
 * The only exception the decoders throw; it names the field where decoding stopped.
 */
public class MalformedMessageException extends LinkException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public MalformedMessageException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The field where decoding stopped. */
  public String field() {
    return field;
  }
}
