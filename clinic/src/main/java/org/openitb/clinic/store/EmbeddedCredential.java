// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The embedded database's per-installation password (issue 10: not H2's well-known "sa" with an
 * empty password): 32 random bytes, hex, in {@value #FILE} beside the database, created owner-only.
 */
public final class EmbeddedCredential {
  public static final String FILE = "db-credential";
  public static final String USER = "sa";
  public static final int BYTES = 32;

  private EmbeddedCredential() {}

  public static synchronized String password(Path dir, String url) {
    Path file = dir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
      }
      Files.createDirectories(dir);
      byte[] b = new byte[BYTES];
      new SecureRandom().nextBytes(b);
      String password = HexFormat.of().formatHex(b);
      if (Files.exists(dir.resolve("clinic.mv.db"))) {
        // created before the credential existed: give the old empty-password database this password
        try (Connection c = DriverManager.getConnection(url.replace(";DB_CLOSE_DELAY=-1", ""), USER, "");
            Statement st = c.createStatement()) {
          st.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
        }
      }
      write(file, password);
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the database credential in " + file + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set a password on the existing database in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String password) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      return;
    }
    Files.writeString(file, password + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
