// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.openitb.clinic.Admin;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.security.Totp;
import org.openitb.therapy.units.InvalidValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itb user} and {@code itb audit}: operator tasks on the clinic database (stop the server first when it is the embedded one). */
final class AdminCommands {
  private AdminCommands() {}

  /** Where the clinic database is: the same options as {@code itb serve}. */
  static final class DatabaseOptions {
    @Option(names = "--data-dir", defaultValue = ".itb/clinic", description = "Folder of the embedded database (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", description = "JDBC URL of a PostgreSQL database, for production.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password-file", description = "File holding the database password (or set ITB_DB_PASSWORD).")
    Path dbPasswordFile;

    ClinicConfig config() {
      return dbUrl == null ? ClinicConfig.embedded(dataDir, ServeCommands.clinicClock())
          : ClinicConfig.database(dbUrl, dbUser, dbPassword(dbPasswordFile), ServeCommands.clinicClock());
    }
  }

  /** The database password: from a file, else the ITB_DB_PASSWORD environment variable, else none; never a command-line argument. */
  static String dbPassword(Path file) {
    if (file != null) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read --db-password-file " + file + ": " + e.getMessage(), e);
      }
    }
    String env = System.getenv("ITB_DB_PASSWORD");
    return env == null ? "" : env;
  }

  @Command(name = "user", mixinStandardHelpOptions = true, description = "Manages clinic logins (run with the server stopped).",
      subcommands = {UserAdd.class, UserTotp.class})
  static final class User implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** {@code itb user add}. */
  @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Creates a login. The password is read from the console (asked twice), or from standard input with",
          "--password-stdin; never from an argument. An administrator also gets a one-time code secret: add the",
          "printed otpauth:// URI to an authenticator app, as administrators log in with a code."})
  static final class UserAdd implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--username", required = true, description = "3-64 letters, digits, '.', '_' or '-'.")
    String username;

    @Option(names = "--role", required = true, description = "CLINICIAN, NURSE or ADMINISTRATOR.")
    String role;

    @Option(names = "--display-name", description = "Name shown in the clinic (default: the username).")
    String displayName;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Mixin DatabaseOptions db;

    @Override
    public void run() {
      String password = passwordStdin ? stdinLine() : console();
      Map<String, Object> u;
      try {
        u = Admin.addUser(db.config(), username, password, role, displayName);
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException("--username/--password", username, "see the message", e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Created %s (%s), id %s.%n", u.get("username"), u.get("role"), u.get("id"));
      if (u.containsKey("totpUri")) {
        out.printf("One-time code for administrators: add this to an authenticator app (shown once):%n  %s%n  secret %s%n",
            u.get("totpUri"), u.get("totpSecret"));
      }
      out.flush();
    }
  }

  /** {@code itb user totp}. */
  @Command(name = "totp", mixinStandardHelpOptions = true,
      description = "Gives a login a new one-time code secret (e.g. an administrator who lost the authenticator) and prints it once.")
  static final class UserTotp implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--username", required = true, description = "The login.")
    String username;

    @Mixin DatabaseOptions db;

    @Override
    public void run() {
      String secret;
      try {
        secret = Admin.resetTotp(db.config(), username);
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException("--username", username, "an existing login", e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("New one-time code secret for %s (shown once):%n  %s%n  secret %s%n", username, Totp.uri(username, secret), secret);
      out.flush();
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true, description = "Checks the clinic's audit log.", subcommands = AuditVerify.class)
  static final class AuditGroup implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** {@code itb audit verify}: exit 0 when the chain is intact, 1 when a row was removed, changed or forged. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Walks the audit log's hash chain and reports every row that was removed, changed, back-dated or",
          "forged. Exit code 0: intact; 1: problems found."})
  static final class AuditVerify implements java.util.concurrent.Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin DatabaseOptions db;

    @Override
    public Integer call() {
      Audit.Verification v = Admin.verifyAudit(db.config());
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%d audit rows, %d from before the hash chain.%n", v.rows(), v.unchained());
      v.problems().forEach(p -> out.println("PROBLEM " + p));
      out.println(v.intact() ? "Audit log intact." : v.problems().size() + " problem(s): the audit log was altered outside the application.");
      out.flush();
      return v.intact() ? 0 : 1;
    }
  }

  private static String stdinLine() {
    try {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null) {
        throw new InvalidValueException("--password-stdin", "", "one line", "standard input was empty");
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("SystemConsoleNull") // the bytecode is Java 21, where System.console() is null without a terminal
  private static String console() {
    Console c = System.console();
    if (c == null) {
      throw new InvalidValueException("password", "", "a console, or --password-stdin", "no console to ask for the password on");
    }
    char[] a = c.readPassword("Password for the new login: ");
    char[] b = c.readPassword("Again: ");
    try {
      if (a == null || b == null || !Arrays.equals(a, b)) {
        throw new InvalidValueException("password", "", "the same password twice", "the passwords differ");
      }
      return new String(a);
    } finally {
      if (a != null) {
        Arrays.fill(a, ' ');
      }
      if (b != null) {
        Arrays.fill(b, ' ');
      }
    }
  }
}
