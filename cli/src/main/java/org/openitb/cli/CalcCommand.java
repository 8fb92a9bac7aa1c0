// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import picocli.CommandLine.Command;

/** {@code itb calc}: the clinical calculators. */
@Command(
    name = "calc",
    mixinStandardHelpOptions = true,
    description = "Clinical calculators: refill dates and reconciliation, bridge bolus, screening trial, titration.",
    subcommands = {RefillCalc.class, BridgeBolusCalc.class, TrialCalc.class, TitrateCalc.class})
final class CalcCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
