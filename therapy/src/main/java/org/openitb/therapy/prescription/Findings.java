// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.util.ArrayList;
import java.util.List;

/** Collects findings in order, tagging each with the step that is running. */
final class Findings {
  private final List<Finding> list = new ArrayList<>();
  private String step = "";

  void startStep(String name) {
    step = name;
  }

  void hard(String field, String value, String allowed, String reason) {
    list.add(new Finding(step, Finding.Severity.HARD, field, value, allowed, reason));
  }

  void soft(String field, String value, String allowed, String reason) {
    list.add(new Finding(step, Finding.Severity.SOFT, field, value, allowed, reason));
  }

  void info(String field, String value, String allowed, String reason) {
    list.add(new Finding(step, Finding.Severity.INFO, field, value, allowed, reason));
  }

  List<Finding> all() {
    return List.copyOf(list);
  }
}
