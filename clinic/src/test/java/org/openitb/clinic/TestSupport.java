// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import com.fasterxml.jackson.databind.JsonNode;
import org.openitb.clinic.testing.EmbeddedDatabases;
import org.openitb.clinic.api.OpenApiDocument;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.records.Once;
import org.openitb.clinic.security.Guard;
import org.openitb.clinic.security.Totp;

/** Shared test fixtures: a fixed clock, fresh databases (H2 file or a shared embedded PostgreSQL) and an HTTP client with a cookie jar. */
public final class TestSupport {
  public static final Clock CLOCK = EmbeddedDatabases.CLOCK;

  private TestSupport() {}

  public static ClinicConfig h2(Path dir) {
    return EmbeddedDatabases.h2(dir, CLOCK);
  }

  /** A new, empty database in the one embedded PostgreSQL of this test JVM (started on first use). */
  public static ClinicConfig postgres() {
    return EmbeddedDatabases.postgres("clinic", CLOCK);
  }

  public static Path tempDir(String name) {
    return EmbeddedDatabases.tempDir(name);
  }

  /** A browser-like client: keeps the session cookie, sends the CSRF token it was given. */
  public static final class Client {
    public final String base;
    public final HttpClient http;
    public String csrf;
    /** When set, every response is checked against openapi.yaml: an undocumented status or a body its schema refuses fails. */
    public OpenApiDocument openApi;

    public Client(int port) {
      base = "http://localhost:" + port;
      http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static Client login(int port, String user, String password) {
      Client c = new Client(port);
      HttpResponse<String> r = null;
      if (user.equals(DemoClinic.ADMIN_USER)) {
        // the demo administrator logs in with a one-time code of the tests' fixed clock; each code logs in once, so
        // the codes of the step before, this step and the step after give three logins per database
        for (int step = -Totp.DRIFT_STEPS; step <= Totp.DRIFT_STEPS && (r == null || r.statusCode() != 200); step++) {
          String code = Totp.code(DemoClinic.ADMIN_TOTP_SECRET, Clock.offset(CLOCK, java.time.Duration.ofSeconds(step * Totp.STEP_SECONDS)));
          r = c.send("POST", "/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"code\":\"" + code + "\"}");
        }
      } else {
        r = c.send("POST", "/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
      }
      if (r.statusCode() != 200) {
        throw new AssertionError("login " + user + " failed: " + r.statusCode() + " " + r.body());
      }
      c.csrf = json(r.body()).get("csrfToken").asText();
      return c;
    }

    /** A client logged in as {@link #login} does, whose every response is checked against the OpenAPI document. */
    public static Client checkedLogin(int port, String user, String password) {
      return login(port, user, password).checked();
    }

    /** A client without a login whose every response is checked against the OpenAPI document. */
    public static Client checked(int port) {
      return new Client(port).checked();
    }

    /** This client, checking every response against the OpenAPI document from now on. */
    public Client checked() {
      openApi = OpenApiDocument.SERVED;
      return this;
    }

    public HttpResponse<String> get(String path) {
      return send("GET", path, null);
    }

    public HttpResponse<String> post(String path, String json) {
      return send("POST", path, json);
    }

    public HttpResponse<String> put(String path, String json) {
      return send("PUT", path, json);
    }

    /**
     * A write against a patient's therapy (path /api/patients/{id}/...), sent as its form would send it: with the
     * patient's current therapy version added to the JSON object, and a new idempotency key.
     */
    public HttpResponse<String> write(String path, String json) {
      return post(path, withVersion(path, json));
    }

    /** {@code json} with the current therapyVersion of the patient of {@code path} added. */
    public String withVersion(String path, String json) {
      String id = path.replaceFirst("^/api/patients/(\\d+).*$", "$1");
      long version = json(get("/api/patients/" + id).body()).get("therapyVersion").asLong();
      return json.replaceFirst("^\\{", "{\"therapyVersion\":" + version + (json.trim().equals("{}") ? "" : ","));
    }

    /**
     * A write that changes the concentration, as the refill form sends it: first without a confirmation (the server
     * answers 400 with the new dates and a confirmationToken), then confirmed, signed by {@code second} with their own
     * password. Returns the second answer.
     */
    public HttpResponse<String> writeConfirmed(String path, String json, String secondUser, String secondPassword) {
      com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) json(withVersion(path, json));
      body.putObject("secondPerson").put("username", secondUser).put("password", secondPassword);
      HttpResponse<String> first = post(path, body.toString());
      JsonNode ask = json(first.body());
      if (first.statusCode() != 400 || !ask.path("confirmationRequired").asBoolean()) {
        throw new AssertionError("expected a confirmation request first: " + first.statusCode() + " " + first.body());
      }
      body.put("confirmed", ask.get("confirmationToken").asText());
      return post(path, body.toString());
    }

    /** A POST with the given idempotency key (a form sent twice sends its key twice). */
    public HttpResponse<String> postKeyed(String path, String json, String key) {
      return send("POST", path, json, csrf, key);
    }

    public HttpResponse<byte[]> bytes(String path) {
      try {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    public HttpResponse<String> send(String method, String path, String json) {
      return send(method, path, json, csrf);
    }

    public HttpResponse<String> send(String method, String path, String json, String csrfToken) {
      return send(method, path, json, csrfToken, java.util.UUID.randomUUID().toString());
    }

    public HttpResponse<String> send(String method, String path, String json, String csrfToken, String idempotencyKey) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
          .header("Content-Type", "application/json");
      if (!"GET".equals(method) && idempotencyKey != null) {
        b.header(Once.HEADER, idempotencyKey);
      }
      if (csrfToken != null) {
        b.header(Guard.CSRF_HEADER, csrfToken);
      }
      try {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (openApi != null) {
          java.util.List<String> wrong = openApi.check(method, path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
          if (!wrong.isEmpty()) {
            throw new AssertionError("response not as openapi.yaml documents it: " + wrong + "\n" + r.body());
          }
        }
        return r;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * A refusal because the thing is already there: status 409, the refused {@code field} (null: not checked), an error
   * that says each of {@code says}. Returns the answer's body.
   */
  public static JsonNode conflict(HttpResponse<String> r, String field, String... says) {
    org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    JsonNode e = json(r.body());
    if (field != null) {
      org.assertj.core.api.Assertions.assertThat(e.get("field").asText()).isEqualTo(field);
    }
    org.assertj.core.api.Assertions.assertThat(e.get("error").asText()).contains(says);
    return e;
  }

  /** Records a refill of 5 mL expected, 1 mL withdrawn (beyond every pump's limit) for the patient at {@code patientPath}: flagged. */
  public static JsonNode flaggedRefill(Client c, String patientPath) {
    HttpResponse<String> r = c.write(patientPath + "/refills", "{\"expected\":\"5 mL\",\"withdrawn\":\"1 mL\",\"fill\":\"20 mL\"}");
    org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode refill = json(r.body());
    org.assertj.core.api.Assertions.assertThat(refill.get("flagged").asBoolean()).isTrue();
    return refill;
  }

  public static JsonNode json(String s) {
    try {
      return Body.MAPPER.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
