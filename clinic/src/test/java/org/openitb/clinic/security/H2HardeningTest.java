// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.TestSupport;
import org.openitb.clinic.store.EmbeddedCredential;

class H2HardeningTest extends HardeningContract {
  Path dir;

  @Override
  protected ClinicConfig config() {
    dir = TestSupport.tempDir("hardening");
    return TestSupport.h2(dir);
  }

  @Override
  boolean postgres() {
    return false;
  }

  /**
   * Issue 10.8 on H2: the embedded database has a password generated for this installation, kept owner-only beside
   * it; H2's well-known "sa" with an empty password opens nothing.
   */
  @org.junit.jupiter.api.Test
  void theEmbeddedDatabaseHasItsOwnPassword() throws Exception {
    Path file = dir.toAbsolutePath().resolve(EmbeddedCredential.FILE);
    assertThat(Files.readString(file).strip()).matches("[0-9a-f]{" + 2 * EmbeddedCredential.BYTES + "}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("clinic");
    assertThatThrownBy(() -> DriverManager.getConnection(url, EmbeddedCredential.USER, "").close()).hasMessageContaining("password");
    try (var c = DriverManager.getConnection(url, EmbeddedCredential.USER, Files.readString(file).strip())) {
      assertThat(c.isValid(1)).isTrue();
    }
  }
}
