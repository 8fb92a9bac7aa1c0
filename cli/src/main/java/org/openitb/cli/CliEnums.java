// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.util.Locale;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.InvalidValueException;

/** Parses enum-valued options with the project's refusal format. */
final class CliEnums {
  private CliEnums() {}

  static Etiology etiology(String text, String option) {
    try {
      return Etiology.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(option, text, "spinal, cerebral, paediatric", "unknown etiology");
    }
  }
}
