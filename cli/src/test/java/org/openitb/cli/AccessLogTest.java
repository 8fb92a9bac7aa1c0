// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 14.3: {@code itb serve}, as a real process with the cli's logging set-up, writes one access-log line per
 * request: address, method, path, status, time and the logged-in user, never the query string (it can hold a
 * patient's name). The lines are read from the process's standard error as they come; nothing sleeps.
 */
class AccessLogTest {
  static final String ACCESS = "org.openitb.clinic.access - ";
  static final String PASSWORD = "a long phrase of my own";

  @Test
  void everyRequestWritesOneAccessLineWithoutTheQueryString() throws Exception {
    Path data = Files.createTempDirectory("openitb-access").resolve("clinic");
    // in its own process, as an operator would: the embedded database stays open in the JVM that opened it
    Process add = new ProcessBuilder(itb("user", "add", "--username", "logan", "--role", "NURSE", "--password-stdin", "--data-dir",
        data.toString())).redirectErrorStream(true).start();
    add.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    add.getOutputStream().close();
    String added = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(add.waitFor()).as(added).isZero();
    Process server = new ProcessBuilder(itb("serve", "--port", "0", "--data-dir", data.toString())).start();
    BlockingQueue<String> access = new LinkedBlockingQueue<>();
    Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
          if (line.contains(ACCESS)) {
            access.add(line.substring(line.indexOf(ACCESS) + ACCESS.length()));
          }
        }
      } catch (java.io.IOException e) {
        // the process ended
      }
    });
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(String.valueOf(first));
      assertThat(m.find()).as("the server's first line: " + first).isTrue();
      String base = "http://127.0.0.1:" + m.group(1);
      assertThat(out.readLine()).as("a nurse's login is not enough to create the others: the operator is told how")
          .isEqualTo("No administrator login yet: stop it (Ctrl-C) and run itb user add --username NAME --role ADMINISTRATOR"
              + " --data-dir " + data + ", then start it again.");
      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      List<String> expected = new ArrayList<>();
      assertThat(get(http, base + "/login.html")).isEqualTo(200);
      expected.add("127.0.0.1 GET /login.html 200 .* -");
      assertThat(get(http, base + "/api/me")).isEqualTo(401);
      expected.add("127.0.0.1 GET /api/me 401 .* -");
      assertThat(post(http, base + "/api/login", "{\"username\":\"logan\",\"password\":\"wrong password, surely\"}")).isEqualTo(401);
      expected.add("127.0.0.1 POST /api/login 401 .* -");
      assertThat(post(http, base + "/api/login", "{\"username\":\"logan\",\"password\":\"" + PASSWORD + "\"}")).isEqualTo(200);
      expected.add("127.0.0.1 POST /api/login 200 .*");
      assertThat(get(http, base + "/api/patients?q=Secret+Patient+Name")).isEqualTo(200);
      expected.add("127.0.0.1 GET /api/patients 200 \\d+ ms logan");
      assertThat(get(http, base + "/api/nothing-here")).isEqualTo(404);
      expected.add("127.0.0.1 GET /api/nothing-here 404 .*");
      for (int i = 0; i < expected.size(); i++) {
        String line = access.poll(30, TimeUnit.SECONDS);
        assertThat(line).as("access line " + (i + 1) + " of " + expected.size()).isNotNull().matches(expected.get(i))
            .matches("\\S+ \\S+ \\S+ \\d{3} \\d+ ms \\S+").doesNotContain("Secret").doesNotContain(PASSWORD);
      }
      assertThat(get(http, base + "/api/me")).isEqualTo(200);
      assertThat(access.poll(30, TimeUnit.SECONDS)).as("the next line is the next request's").matches("127.0.0.1 GET /api/me 200 \\d+ ms logan");
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> itb(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Itb.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static int get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static int post(HttpClient http, String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
