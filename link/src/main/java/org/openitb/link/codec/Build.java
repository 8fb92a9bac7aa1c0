// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import java.util.function.Supplier;

/**
 * Runs a record constructor on decoded values and turns its refusal into a
 * {@link MalformedMessageException}: a decoder's only failure type, whatever the record's own
 * validation throws.
 */
final class Build {
  private Build() {}

  static <T> T value(String field, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      throw new MalformedMessageException(field, String.valueOf(e.getMessage()));
    }
  }
}
