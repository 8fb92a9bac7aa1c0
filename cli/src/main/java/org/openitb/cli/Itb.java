// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code itb} command: entry point of every OpenITB tool. */
@Command(
    name = "itb",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "OpenITB: open software of an implantable intrathecal baclofen therapy system.%n"
        + "Research and engineering use only; not a cleared medical device.",
    subcommands = {ServeCommands.Demo.class, ServeCommands.Serve.class, AdminCommands.User.class, AdminCommands.AuditGroup.class, CalcCommand.class, SimulateCommand.class, VerifyCommand.class, TrialCommand.class, PumpCommand.class, ProgrammerCommand.class, PtmCommand.class, CommandLine.HelpCommand.class})
public final class Itb implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by main and tests. */
  public static CommandLine commandLine() {
    Errors errors = new Errors();
    CommandLine cl = new CommandLine(new Itb()).setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
    // `itb generate-completion`: a bash/zsh completion script (source <(./itb generate-completion))
    cl.addSubcommand(new picocli.AutoComplete.GenerateCompletion());
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    return HelpStyle.apply(cl);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
