// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openitb.clinic.Admin;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.security.Totp;
import org.openitb.clinic.testing.EmbeddedDatabases;

/**
 * First start on a new database (issue 14.2): {@code itb user add} creates the first administrator
 * (password from standard input, never an argument; a one-time code secret printed once), who then
 * logs in to {@code itb serve}'s server; {@code itb audit verify} finds tampering (issue 10.8).
 */
class AdminCommandsTest {
  static CalcCommandTest.Run withStdin(String stdin, String... args) {
    InputStream old = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return CalcCommandTest.itb(args);
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void theFirstAdministratorComesFromItbUserAddAndLogsInWithACode(@TempDir Path dir) throws Exception {
    String data = dir.resolve("clinic").toString();
    CalcCommandTest.Run weak = withStdin("password1234\n", "user", "add", "--username", "alice", "--role", "ADMINISTRATOR",
        "--password-stdin", "--data-dir", data);
    assertThat(weak.exit()).isEqualTo(2);
    assertThat(weak.err()).contains("common passwords").doesNotContain("password1234");

    CalcCommandTest.Run add = withStdin("a long phrase of my own\n", "user", "add", "--username", "alice", "--role", "administrator",
        "--password-stdin", "--data-dir", data);
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).startsWith("Created alice (ADMINISTRATOR), id ");
    Matcher m = Pattern.compile("otpauth://totp/OpenITB%3Aalice\\?secret=([A-Z2-7]+)&").matcher(add.out());
    assertThat(m.find()).as(add.out()).isTrue();
    String secret = m.group(1);
    assertThat(withStdin("another long phrase\n", "user", "add", "--username", "alice", "--role", "NURSE", "--password-stdin",
        "--data-dir", data).err()).contains("taken");

    // `itb user add` writes its audit row on the real clock, so the server's fixed clock must come after it: the audit
    // chain would rightly call an earlier one back-dated.
    java.time.Clock later = java.time.Clock.fixed(java.time.Instant.now().plusSeconds(60), java.time.ZoneOffset.UTC);
    try (ClinicServer server = ClinicServer.start(ClinicConfig.embedded(Path.of(data), later))) {
      assertThat(Admin.hasActiveAdministrator(server.jdbi())).as("itb serve's first-start hint stays quiet").isTrue();
      String creds = "{\"username\":\"alice\",\"password\":\"a long phrase of my own\"";
      assertThat(login(server.port(), creds + "}").statusCode()).isEqualTo(401);
      HttpResponse<String> r = login(server.port(), creds + ",\"code\":\"" + Totp.code(secret, later) + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    CalcCommandTest.Run verify = CalcCommandTest.itb("audit", "verify", "--data-dir", data);
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("Audit log intact.");
    try (ClinicServer server = ClinicServer.start(ClinicConfig.embedded(Path.of(data), later))) {
      server.jdbi().useHandle(h -> {
        h.execute("DROP TRIGGER audit_log_no_update");
        h.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = (SELECT MIN(id) FROM audit_log)");
      });
    }
    CalcCommandTest.Run tampered = CalcCommandTest.itb("audit", "verify", "--data-dir", data);
    assertThat(tampered.exit()).isEqualTo(1);
    assertThat(tampered.out()).contains("PROBLEM row ").contains("was changed after it was written");
  }

  @Test
  void aNewDatabaseHasNoAdministratorSoServeTellsHowToAddOne(@TempDir Path dir) {
    try (ClinicServer server = ClinicServer.start(ClinicConfig.embedded(dir.resolve("clinic"), java.time.Clock.systemUTC()))) {
      assertThat(Admin.hasActiveAdministrator(server.jdbi())).isFalse();
    }
  }

  @Test
  void thePasswordIsNeverAnArgument() {
    CalcCommandTest.Run r = CalcCommandTest.itb("user", "add", "--username", "bob", "--role", "NURSE", "--password", "visible in ps");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option").contains("'--password'");
    CalcCommandTest.Run serve = CalcCommandTest.itb("serve", "--db-password", "x");
    assertThat(serve.exit()).isEqualTo(2);
  }

  private static HttpResponse<String> login(int port, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
