// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * One help style for every command and subcommand of {@code itb}, applied when the command line is
 * built (so a new command gets it without doing anything): options in declaration order (each
 * command declares them in the order a user fills them in; {@code -h} and {@code -V} come first), the
 * exit codes at the end of every help, and each subcommand listed with the whole first sentence of
 * its description (never its first line cut mid-sentence). HelpTest checks every command's help.
 */
final class HelpStyle {
  /** The exit codes every command may return. */
  static final Map<String, String> STANDARD_EXIT_CODES = codes(
      "0", "done",
      "1", "failed (the message on stderr says why)",
      "2", "refused input: a malformed command line, or a value out of range (the message names the option)");
  /** Exit codes that only some commands return, by the qualified name of the command that owns them (and its subcommands). */
  static final Map<String, Map<String, String>> EXTRA_EXIT_CODES = Map.of(
      "itb programmer", codes("3", "the pump or the safety chain refused, or the outcome is uncertain: nothing was changed"));
  private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.*?[.!?])(?=\\s|$)", Pattern.DOTALL);

  private HelpStyle() {}

  /** Applies the style to {@code cl} and all its subcommands. */
  static CommandLine apply(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    UsageMessageSpec usage = spec.usageMessage();
    usage.sortOptions(false);
    usage.description(reflow(usage.description()));
    if (usage.exitCodeList().isEmpty()) {
      Map<String, String> exitCodes = new LinkedHashMap<>(STANDARD_EXIT_CODES);
      EXTRA_EXIT_CODES.forEach((owner, extra) -> {
        if (spec.qualifiedName().equals(owner) || spec.qualifiedName().startsWith(owner + " ")) {
          exitCodes.putAll(extra);
        }
      });
      usage.exitCodeListHeading("%nExit codes:%n");
      usage.exitCodeList(exitCodes);
    }
    cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpStyle::commandList);
    cl.getSubcommands().values().forEach(HelpStyle::apply);
    return cl;
  }

  /** The one-sentence summary of a command in its parent's command list. */
  static String summary(CommandSpec spec) {
    UsageMessageSpec usage = spec.usageMessage();
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    String text = String.join(" ", lines).replace("%n", " ").replace("%%", "%").replaceAll("\\s+", " ").strip();
    Matcher m = FIRST_SENTENCE.matcher(text);
    return m.find() ? m.group(1) : text;
  }

  /**
   * Joins a description's source lines into paragraphs that picocli wraps to the help width (so no
   * line ends after two words because the source line was long); a blank line, or a line starting
   * with a space, {@code -}, {@code *} or {@code %n}, starts a new line as written.
   */
  static String[] reflow(String[] lines) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    for (String line : lines) {
      boolean own = line.isBlank() || line.startsWith(" ") || line.startsWith("-") || line.startsWith("*") || line.startsWith("%n");
      if (own || paragraph.isEmpty()) {
        if (!paragraph.isEmpty()) {
          out.add(paragraph.toString());
          paragraph.setLength(0);
        }
        if (own) {
          out.add(line);
          continue;
        }
      }
      paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
    }
    if (!paragraph.isEmpty()) {
      out.add(paragraph.toString());
    }
    return out.toArray(String[]::new);
  }

  private static String commandList(Help help) {
    Map<String, Help> visible = new LinkedHashMap<>();
    help.subcommands().forEach((name, sub) -> {
      if (!sub.commandSpec().usageMessage().hidden()) {
        visible.put(name, sub);
      }
    });
    if (visible.isEmpty()) {
      return "";
    }
    int names = visible.values().stream().mapToInt(sub -> sub.commandNamesText(", ").getCJKAdjustedLength()).max().orElse(0);
    int width = help.commandSpec().usageMessage().width();
    Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
        new Help.Column(names + 2 + 2, 2, Help.Column.Overflow.SPAN),
        new Help.Column(width - (names + 2 + 2), 2, Help.Column.Overflow.WRAP));
    List<Help> seen = new ArrayList<>();
    for (Help sub : visible.values()) {
      if (!seen.contains(sub)) {
        seen.add(sub);
        table.addRowValues(sub.commandNamesText(", "), help.colorScheme().text(summary(sub.commandSpec())));
      }
    }
    return table.toString();
  }

  private static Map<String, String> codes(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(String.format("%3s", pairs[i]), pairs[i + 1]);
    }
    return m;
  }
}
