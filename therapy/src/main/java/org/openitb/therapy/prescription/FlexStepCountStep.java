// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

/** A flex schedule may have at most the pump model's number of steps. */
final class FlexStepCountStep implements ValidationStep {
  static final String NAME = "flex-steps";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(Prescription p, ValidationContext ctx, Findings out) {
    if (p.basal() instanceof FlexSchedule flex && flex.steps().size() > ctx.pump().maxFlexSteps()) {
      out.hard("flex steps", String.valueOf(flex.steps().size()), "1-" + ctx.pump().maxFlexSteps() + " (" + ctx.pump().name() + ")",
          "more flex steps than the pump can hold; merge steps");
    }
  }
}
