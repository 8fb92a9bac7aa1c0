// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's and subcommand's {@code --help}: no picocli warning, one style, exit codes, whole summaries. */
class HelpTest {
  private static final int WIDTH = 80;

  @Test
  void everyHelpIsFreeOfPicocliWarningsAndFollowsTheStyle() throws Exception {
    List<List<String>> paths = new ArrayList<>();
    collect(Itb.commandLine(), new ArrayList<>(), paths);
    assertThat(paths).as("itb and its subcommands").hasSizeGreaterThan(15);
    StringBuilder warnings = new StringBuilder();
    for (List<String> path : paths) {
      ByteArrayOutputStream trace = new ByteArrayOutputStream();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = withPicocliTraceTo(trace, () -> {
        CommandLine cl = Itb.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        return cl.execute(args.toArray(String[]::new));
      });
      String name = String.join(" ", path);
      warnings.append(trace.toString(StandardCharsets.UTF_8));
      assertThat(code).as("exit code of itb %s --help", name).isZero();
      assertThat(err.toString()).as("stderr of itb %s --help", name).isEmpty();
      String help = out.toString();
      assertThat(help).as("itb %s --help", name).contains("Usage: " + String.join(" ", prepend("itb", path)))
          .contains("Exit codes:%n    0   done".formatted()).contains("  2   refused input");
      assertThat(help.lines()).as("itb %s --help fits %d columns", name, WIDTH).allMatch(l -> l.length() <= WIDTH);
      CommandLine cmd = find(Itb.commandLine(), path);
      cmd.getSubcommands().values().stream().filter(s -> !s.getCommandSpec().usageMessage().hidden()).distinct().forEach(sub -> {
        String summary = HelpStyle.summary(sub.getCommandSpec());
        assertThat(summary).as("summary of %s", sub.getCommandSpec().qualifiedName()).matches("(?s).*[.!?]");
        assertThat(help.replaceAll("\\s+", "")).as("itb %s --help lists %s with its whole first sentence", name, sub.getCommandName())
            .contains(summary.replaceAll("\\s+", ""));
      });
      int helpOption = help.indexOf("-h, --help");
      cmd.getCommandSpec().options().stream().filter(o -> !o.usageHelp() && !o.versionHelp() && !o.hidden()).forEach(o ->
          assertThat(help.lastIndexOf(o.longestName())).as("itb %s: %s listed in declaration order, before -h and -V", name, o.longestName())
              .isLessThan(helpOption));
      assertThat(cmd.getCommandSpec().usageMessage().sortOptions()).as("itb %s: options in declaration order", name).isFalse();
    }
    assertThat(warnings.toString()).as("picocli warnings").isEmpty();
  }

  @Test
  void versionNamesTheBuildsVersionAndCommit() {
    StringWriter out = new StringWriter();
    CommandLine cl = Itb.commandLine();
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("--version")).isZero();
    assertThat(out.toString()).startsWith("OpenITB " + BuildInfo.version() + " (commit ");
    assertThat(BuildInfo.version()).as("filled in by the build").matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(BuildInfo.commit()).as("the git commit, in a clone").matches("[0-9a-f]{7,40}|unknown");
  }

  @Test
  void completionScriptCoversEverySubcommand() {
    StringWriter out = new StringWriter();
    CommandLine cl = Itb.commandLine();
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("generate-completion")).isZero();
    String script = out.toString();
    assertThat(script).contains("complete -F _complete_itb");
    List<List<String>> paths = new ArrayList<>();
    collect(Itb.commandLine(), new ArrayList<>(), paths);
    paths.stream().filter(p -> !p.isEmpty()).forEach(p -> assertThat(script).contains(p.getLast()));
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
    into.add(List.copyOf(path));
    cl.getSubcommands().forEach((name, sub) -> {
      if (name.equals(sub.getCommandName())) {
        List<String> next = new ArrayList<>(path);
        next.add(name);
        collect(sub, next, into);
      }
    });
  }

  private static CommandLine find(CommandLine root, List<String> path) {
    CommandLine cl = root;
    for (String name : path) {
      cl = cl.getSubcommands().get(name);
    }
    return cl;
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** Runs {@code body} with picocli's tracer (warnings) writing to {@code trace}. */
  private static int withPicocliTraceTo(ByteArrayOutputStream trace, java.util.concurrent.Callable<Integer> body) throws Exception {
    CommandLine.Tracer tracer = CommandLine.tracer();
    Field stream = CommandLine.Tracer.class.getDeclaredField("stream");
    stream.setAccessible(true);
    Object previous = stream.get(tracer);
    stream.set(tracer, new PrintStream(trace, true, StandardCharsets.UTF_8));
    try {
      return body.call();
    } finally {
      stream.set(tracer, previous);
    }
  }
}
