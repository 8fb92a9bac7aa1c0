// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The version and git commit this build was made from (version.properties, filled in by the build). */
public final class BuildInfo implements CommandLine.IVersionProvider {
  private static final String RESOURCE = "version.properties";

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return value("version");
  }

  /** The abbreviated git commit the build was made from, or {@code unknown} outside a git clone. */
  public static String commit() {
    return value("commit");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "OpenITB " + version() + " (commit " + commit() + ")",
      "Research and engineering software; not a cleared medical device.",
      "Java " + Runtime.version() + ", " + System.getProperty("java.vm.name", "unknown VM")
    };
  }

  private static String value(String key) {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String value = properties.getProperty(key, "");
    // an unfilled placeholder means the build had no git repository (a source archive)
    return value.isBlank() || value.startsWith("${") ? "unknown" : value.strip();
  }
}
