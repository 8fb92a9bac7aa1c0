// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import org.openitb.therapy.units.InvalidValueException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns refused input into one clear line on stderr and exit code 2 (the same code picocli uses
 * for a malformed command line), so scripts can tell bad input (2) from a failure (1).
 */
final class Errors implements IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  static final int BAD_INPUT = 2;

  /**
   * A malformed command line (missing or unknown option, two exclusive options, a value of the
   * wrong type) gets the same one line as refused input, naming the option, instead of a usage
   * dump; the help stays one option away.
   */
  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String message = String.valueOf(ex.getMessage()).replace("\r", " ").replace("\n", " ").trim();
    cmd.getErr().println(name + ": " + message + " (see '" + name + " --help')");
    cmd.getErr().flush();
    return BAD_INPUT;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof InvalidValueException || ex instanceof CommandLine.ParameterException) {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      cmd.getErr().flush();
      return BAD_INPUT;
    }
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": failed: " + ex);
    cmd.getErr().flush();
    return 1;
  }
}
