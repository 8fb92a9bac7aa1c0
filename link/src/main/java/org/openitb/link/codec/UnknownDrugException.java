// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

/** A well-formed message names a drug that is not in the receiver's drug library. */
public class UnknownDrugException extends MalformedMessageException {
  private static final long serialVersionUID = 1L;

  public UnknownDrugException(String name) {
    super("drug", "'" + name + "' is not in the drug library");
  }
}
