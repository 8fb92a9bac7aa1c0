// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.TestSupport;

/**
 * The hand-written openapi.yaml: swagger-parser finds nothing wrong with it, it documents exactly
 * the routes the server registers, and its response schemas refuse what the API does not answer
 * (the contract tests check every real response against them: {@link TestSupport.Client#checked()}).
 * Each check is shown to fail on a document or response that is wrong.
 */
class OpenApiTest {
  static final OpenApiDocument DOC = OpenApiDocument.SERVED;

  @Test
  void swaggerParserFindsNothingWrong() {
    assertThat(DOC.parserMessages()).isEmpty();
    assertThat(DOC.doc.path("openapi").asText()).startsWith("3.0.");
  }

  @Test
  void swaggerParserReportsABrokenDocument() {
    // the old document's mistake: a flow mapping whose plain text holds a comma (it parses, as a key "actor)")
    String broken = DOC.yaml.replace("          description: \"End the session\"\n",
        "          headers: {X-Rows: {description: rows (at, actor), schema: {type: string}}}\n          description: \"End the session\"\n");
    assertThat(broken).isNotEqualTo(DOC.yaml);
    assertThat(new OpenApiDocument(broken).parserMessages()).anyMatch(m -> m.contains("actor)"));
    // an operation without its responses, and a misspelt method
    assertThat(new OpenApiDocument(DOC.yaml.replaceFirst("\n      responses:\n", "\n      responzes:\n")).parserMessages())
        .anyMatch(m -> m.contains("responzes"));
    assertThat(new OpenApiDocument(DOC.yaml.replace("\n    get:\n      operationId: getApiMe\n", "\n    got:\n      operationId: getApiMe\n"))
        .parserMessages()).isNotEmpty();
  }

  @Test
  void theDocumentedOperationsAreExactlyTheRegisteredRoutes() {
    try (ClinicServer s = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("openapi")))) {
      Set<String> routes = new TreeSet<>(s.routes());
      assertThat(routes).hasSize(s.routes().size()).hasSizeGreaterThan(40);
      assertThat(DOC.operations()).isEqualTo(routes);
      // the same comparison fails when the document misses a route or has one the server does not
      OpenApiDocument missing = new OpenApiDocument(DOC.yaml.replace("  /api/daily-total:\n", "  /api/daily-totals:\n"));
      assertThat(missing.operations()).isNotEqualTo(routes).contains("GET /api/daily-totals").doesNotContain("GET /api/daily-total");
    }
  }

  @Test
  void everyWriteHasARequestSchemaAndEveryOperationItsResponses() {
    DOC.doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      if (op.getKey().equals("parameters")) {
        return;
      }
      String what = op.getKey() + " " + p.getKey();
      if (!op.getKey().equals("get")) {
        assertThat(op.getValue().path("requestBody").path("content").path("application/json").path("schema").isMissingNode()).as(what).isFalse();
      }
      assertThat(op.getValue().path("responses").fieldNames()).as(what).toIterable().anyMatch(c -> c.startsWith("2"));
      assertThat(op.getValue().path("responses").has("default")).as(what).isTrue();
    }));
  }

  @Test
  void aResponseSchemaRefusesWhatTheApiDoesNotAnswer() {
    String patient = "{\"id\":1,\"mrn\":\"M-1\",\"name\":\"A\",\"etiology\":\"SPINAL\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\",\"weightGrams\":70000,"
        + "\"notes\":\"\",\"dateOfBirth\":null,\"catheterTip\":null,\"contact\":null,\"version\":1,\"therapyVersion\":1,\"createdAt\":\"2026-11-01T09:00\"}";
    assertThat(DOC.check("PUT", "/api/patients/1", 200, "application/json", patient)).isEmpty();
    // a database column name instead of the API's key
    assertThat(DOC.check("PUT", "/api/patients/1", 200, "application/json", patient.replace("\"ageGroup\"", "\"age_group\""))).isNotEmpty();
    // null where the record never has one, a number as text, an unknown status, path and content type
    assertThat(DOC.check("PUT", "/api/patients/1", 200, "application/json", patient.replace("\"name\":\"A\"", "\"name\":null"))).isNotEmpty();
    assertThat(DOC.check("PUT", "/api/patients/1", 200, "application/json", patient.replace("\"version\":1", "\"version\":\"1\""))).isNotEmpty();
    assertThat(DOC.check("GET", "/api/patients/1/nothing", 200, "application/json", "{}")).isNotEmpty();
    assertThat(DOC.check("PUT", "/api/patients/1", 200, "text/html", "<p>")).isNotEmpty();
    // an error answers the Error schema
    assertThat(DOC.check("PUT", "/api/patients/1", 409, "application/json", "{\"error\":\"stale\",\"field\":null}")).isEmpty();
    assertThat(DOC.check("PUT", "/api/patients/1", 409, "application/json", "{\"message\":\"stale\"}")).isNotEmpty();
    // a literal path wins over a path parameter
    assertThat(DOC.template("/api/me/sessions/end")).contains("/api/me/sessions/end");
    assertThat(DOC.template("/api/patients/7/refills/3/record.pdf")).contains("/api/patients/{id}/refills/{refillId}/record.pdf");
  }

  /**
   * A client generated from the document must send the key on exactly the writes that refuse to run without it: each
   * documented write is sent once without the header, and the set the server refuses with 400 naming the header is the set
   * the document marks.
   */
  @Test
  void theIdempotencyKeyIsDocumentedOnExactlyTheWritesThatRequireIt() {
    Set<String> documented = new TreeSet<>();
    DOC.doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      for (com.fasterxml.jackson.databind.JsonNode param : op.getValue().path("parameters")) {
        if (param.path("$ref").asText().equals("#/components/parameters/idempotencyKey")) {
          documented.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
        }
      }
    }));
    assertThat(DOC.doc.at("/components/parameters/idempotencyKey/name").asText()).isEqualTo(org.openitb.clinic.records.Once.HEADER);
    try (ClinicServer s = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("openapi-once")))) {
      DemoClinic.seed(s.jdbi(), TestSupport.CLOCK, 1);
      TestSupport.Client[] c = {TestSupport.Client.login(s.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD)};
      long patient = TestSupport.json(c[0].get("/api/patients?q=DEMO-00001").body()).get(0).get("id").asLong();
      Set<String> refused = new TreeSet<>();
      for (String op : DOC.operations()) {
        String method = op.substring(0, op.indexOf(' '));
        if (method.equals("GET") || op.endsWith("/api/login")) {
          continue;
        }
        String path = op.substring(op.indexOf(' ') + 1).replace("{id}", String.valueOf(patient)).replaceAll("\\{[A-Za-z]+\\}", "1");
        var r = c[0].send(method, path, "{}", c[0].csrf, null);
        if (r.statusCode() == 401) { // a write that ended this login (log out, end sessions): log in again
          c[0] = TestSupport.Client.login(s.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
          r = c[0].send(method, path, "{}", c[0].csrf, null);
        }
        if (r.statusCode() == 400 && TestSupport.json(r.body()).path("field").asText().equals(org.openitb.clinic.records.Once.HEADER)) {
          refused.add(op);
        }
      }
      assertThat(refused).hasSize(14).isEqualTo(documented);
    }
  }

  @Test
  void openApiIsServedToLoggedInUsers() {
    try (ClinicServer s = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("openapi2")))) {
      DemoClinic.seed(s.jdbi(), TestSupport.CLOCK, 0);
      var c = TestSupport.Client.checkedLogin(s.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      var r = c.get("/api/openapi.yaml");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).startsWith("openapi: 3.");
    }
  }
}
