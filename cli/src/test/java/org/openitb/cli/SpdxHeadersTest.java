// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Java source file of every module carries its licence line (scripts/add-spdx.sh adds it). */
class SpdxHeadersTest {
  private static final String LICENCE = "SPDX-License-Identifier: Apache-2.0";
  private static final int HEADER_LINES = 3;

  @Test
  void everyJavaSourceFileStartsWithItsSpdxLicenceLine() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(root.resolve("pom.xml")).as("the repository root").exists();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> root.relativize(p).toString().contains("/src/"))
          .filter(p -> !root.relativize(p).startsWith(".git") && !root.relativize(p).toString().contains("/target/"))
          .toList();
    }
    assertThat(sources).as("Java sources found").hasSizeGreaterThan(100);
    List<String> missing = sources.stream().filter(p -> !hasLicenceLine(p)).map(p -> root.relativize(p).toString()).sorted().toList();
    assertThat(missing).as("files without '%s' in their first %d lines: run scripts/add-spdx.sh", LICENCE, HEADER_LINES).isEmpty();
  }

  private static boolean hasLicenceLine(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.limit(HEADER_LINES).anyMatch(l -> l.contains(LICENCE));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
