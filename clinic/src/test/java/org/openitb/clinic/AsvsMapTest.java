// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ASVS map in clinic/README.md ("Security") stays true: every chapter the issue names has rows,
 * every row names at least one test, and every test it names exists, with the named method (a
 * trailing "..." or "*" is a prefix). A renamed or deleted test fails here instead of leaving the
 * map pointing at nothing.
 */
class AsvsMapTest {
  static final Path README = Path.of("README.md");
  static final Path CLINIC_TESTS = Path.of("src", "test", "java", "org", "openitb", "clinic");
  static final Path CLI_TESTS = Path.of("..", "cli", "src", "test", "java", "org", "openitb", "cli");
  static final List<String> CHAPTERS = List.of("V2", "V3", "V4", "V5", "V7", "V8", "V13", "V14");
  /** A test reference: optional "cli " then `Class` or `Class.method` (or `.method` continuing the previous class). */
  static final Pattern TEST = Pattern.compile("(cli )?`([A-Z][A-Za-z0-9]*)?(?:\\.([A-Za-z0-9]+)(\\.\\.\\.|\\*)?)?`");

  @Test
  void everyRowNamesTestsThatExist() throws IOException {
    List<String[]> rows = rows();
    assertThat(rows).hasSizeGreaterThan(15);
    for (String chapter : CHAPTERS) {
      assertThat(rows).as("rows for " + chapter).anyMatch(r -> r[0].matches(".*\\b" + chapter + "(\\.\\d+)*\\b.*"));
    }
    for (String[] r : rows) {
      String tests = r[r.length - 1];
      String lastClass = null;
      int named = 0;
      Matcher m = TEST.matcher(tests);
      while (m.find()) {
        String cls = m.group(2) != null ? m.group(2) : lastClass;
        if (cls == null) {
          continue;
        }
        boolean cli = m.group(1) != null;
        Path file = find(cli ? CLI_TESTS : CLINIC_TESTS, cls + ".java");
        assertThat(file).as("row " + r[0] + ": test class " + cls).isNotNull().exists();
        String source = Files.readString(file, StandardCharsets.UTF_8);
        if (m.group(3) != null) {
          String method = m.group(3);
          boolean prefix = m.group(4) != null;
          assertThat(source).as("row " + r[0] + ": " + cls + "." + method)
              .containsPattern("void " + method + (prefix ? "" : "\\("));
        }
        lastClass = cls;
        named++;
      }
      assertThat(named).as("row " + r[0] + " names a test").isPositive();
    }
  }

  /** The test source named {@code file} in {@code tests} or any package below it; null when there is none. */
  static Path find(Path tests, String file) throws IOException {
    try (java.util.stream.Stream<Path> all = Files.walk(tests)) {
      return all.filter(f -> f.getFileName().toString().equals(file)).findFirst().orElse(null);
    }
  }

  /** The security table's rows, split into cells. */
  static List<String[]> rows() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int at = readme.indexOf("## Security");
    assertThat(at).as("clinic/README.md has a Security section").isNotNegative();
    List<String[]> out = new ArrayList<>();
    for (String line : readme.substring(at).split("\n")) {
      if (line.startsWith("| V")) {
        String[] cells = line.substring(1, line.length() - 1).split(" \\| ");
        out.add(cells);
      } else if (line.startsWith("## ") && !out.isEmpty()) {
        break;
      }
    }
    return out;
  }
}
