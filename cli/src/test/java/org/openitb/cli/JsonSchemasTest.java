// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openitb.simulator.VirtualPump;

/**
 * Issue 14 item 7 / issue 11: every {@code itb ... --json} output and every session record the
 * programmer writes follows its published JSON Schema under schemas/. Each command runs on real
 * inputs (calculators, scenarios from examples/, a virtual pump on loopback TCP) and its output is
 * validated with zero messages; each schema is strict (no unknown key, required keys, types, enums),
 * and refuses a document with a required key removed or a key of the wrong type, so the check can
 * fail. The outputs are kept in target/json-outputs/ for a look.
 */
class JsonSchemasTest {
  static final Path SCHEMAS = Path.of("..", "schemas");
  static final Path OUTPUTS = Path.of("target", "json-outputs");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  /** Every schema this test covers (scenario.schema.json is the simulator's, tested there). */
  static final List<String> OUTPUT_SCHEMAS = List.of("calc-refill", "calc-bridge-bolus", "calc-titrate", "calc-trial", "simulate-summary",
      "verify-accuracy", "ptm-status", "ptm-bolus", "programmer-interrogate", "programmer-events", "programmer-program", "programmer-refill",
      "programmer-bolus", "programmer-post-mri", "session-record");

  static JsonNode read(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Schema schema(String name) {
    return REGISTRY.getSchema(read(SCHEMAS.resolve(name + ".schema.json")));
  }

  static List<String> messages(String name, JsonNode document) {
    return schema(name).validate(document).stream().map(Error::toString).toList();
  }

  /** Keeps a command's JSON in target/json-outputs/NAME.json and checks it against schemas/SCHEMA.schema.json. */
  static JsonNode valid(String schema, String name, String json) throws IOException {
    Files.createDirectories(OUTPUTS);
    Files.writeString(OUTPUTS.resolve(name + ".json"), json);
    JsonNode doc = JSON.readTree(json);
    assertThat(messages(schema, doc)).as(name + " against " + schema + ".schema.json: " + json).isEmpty();
    refusesSpoiled(schema, doc);
    return doc;
  }

  static JsonNode valid(String schema, String name, CalcCommandTest.Run r) throws IOException {
    assertThat(r.out()).as(name + ": " + r.err()).isNotBlank();
    return valid(schema, name, r.out());
  }

  @Test
  void everyPublishedSchemaIsAValidStrictDraft202012Schema() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(SCHEMAS)) {
      s.forEach(p -> files.add(p.getFileName().toString()));
    }
    for (String name : OUTPUT_SCHEMAS) {
      assertThat(files).contains(name + ".schema.json");
      JsonNode s = read(SCHEMAS.resolve(name + ".schema.json"));
      // the meta-schema accepts it, and it names itself and what it describes
      assertThat(REGISTRY.getSchema(read(SCHEMAS.resolve(name + ".schema.json"))).validate(s)).as(name).isNotNull();
      List<String> meta = REGISTRY.getSchema(com.networknt.schema.SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()))
          .validate(s).stream().map(Error::toString).toList();
      assertThat(meta).as(name + " against the 2020-12 meta-schema").isEmpty();
      assertThat(s.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(s.get("$id").asText()).isEqualTo("https://openitb.org/schemas/" + name + ".schema.json");
      assertThat(s.get("title").asText()).isNotBlank();
      // strict: every object in it refuses unknown keys
      List<String> loose = new ArrayList<>();
      looseObjects(s, "", loose);
      assertThat(loose).as(name + ": objects without additionalProperties false").isEmpty();
    }
  }

  private static void looseObjects(JsonNode node, String at, List<String> out) {
    if (node.isObject()) {
      if ("object".equals(node.path("type").asText()) && !node.path("additionalProperties").isBoolean()) {
        out.add(at);
      }
      node.properties().forEach(e -> looseObjects(e.getValue(), at + "/" + e.getKey(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        looseObjects(node.get(i), at + "/" + i, out);
      }
    }
  }

  @Test
  void theCalculatorsJsonFollowsTheirSchemas() throws IOException {
    valid("calc-refill", "calc-refill", CalcCommandTest.itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "20", "--concentration", "500",
        "--dose", "300", "--at", "2026-03-01T09:30", "--json"));
    JsonNode rec = valid("calc-refill", "calc-refill-reconciled", CalcCommandTest.itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "20",
        "--concentration", "500", "--dose", "300", "--at", "2026-03-01T09:30", "--bolus-mcg", "25", "--bolus-max-per-day", "3",
        "--expected-ml", "3.0", "--withdrawn-ml", "1.5", "--json"));
    assertThat(rec.has("discrepancyFlagged")).isTrue();
    valid("calc-refill", "calc-refill-flex-per-hour", CalcCommandTest.itb("calc", "refill", "--reservoir-ml", "40", "--volume-ml", "40",
        "--concentration", "2000", "--flex", "06:00=25 mcg/h,22:00=300", "--at", "2026-03-01T09:30", "--json"));
    valid("calc-bridge-bolus", "calc-bridge-bolus", CalcCommandTest.itb("calc", "bridge-bolus", "--dose", "300", "--old-concentration", "500",
        "--new-concentration", "2000", "--catheter-length-cm", "50", "--json"));
    valid("calc-bridge-bolus", "calc-bridge-bolus-same", CalcCommandTest.itb("calc", "bridge-bolus", "--dose", "300", "--old-concentration", "500",
        "--new-concentration", "500", "--catheter-length-cm", "50", "--json"));
    valid("calc-titrate", "calc-titrate", CalcCommandTest.itb("calc", "titrate", "--etiology", "cerebral", "--current-dose", "200",
        "--proposed-dose", "220", "--at", "2026-03-02T09:00", "--json"));
    JsonNode soon = valid("calc-titrate", "calc-titrate-too-soon", CalcCommandTest.itb("calc", "titrate", "--etiology", "spinal", "--current-dose",
        "300", "--proposed-dose", "13.75 mcg/h", "--last-increase", "2026-03-01T20:00", "--at", "2026-03-02T09:00", "--json"));
    assertThat(soon.get("nextIncreaseAllowedAt").isNull()).isFalse();
    valid("calc-trial", "calc-trial-plan", CalcCommandTest.itb("calc", "trial", "--start", "2026-03-02T09:00", "--json"));
    valid("calc-trial", "calc-trial-responder", CalcCommandTest.itb("calc", "trial", "--start", "2026-03-02T09:00", "--effective-dose-mcg", "75",
        "--effect-hours", "10", "--json"));
    JsonNode non = valid("calc-trial", "calc-trial-non-responder", CalcCommandTest.itb("calc", "trial", "--start", "2026-03-02T09:00",
        "--non-responder", "--json"));
    assertThat(non.get("startingDoseMcgPerDay").isNull()).isTrue();
  }

  @Test
  void simulateAndVerifyJsonFollowTheirSchemas(@TempDir Path dir) throws IOException {
    // every example scenario over its own span: refills, bridge boluses, MRI scans, ERI and end of service, refused commands
    List<String> examples;
    try (Stream<Path> s = Files.list(Path.of("..", "examples"))) {
      examples = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
    for (String example : examples) {
      Path out = dir.resolve(example);
      CalcCommandTest.Run r = CalcCommandTest.itb("simulate", "../examples/" + example + ".yaml", "--out", out.toString(), "--json");
      valid("simulate-summary", "simulate-" + example, r);
      // summary.json of --out is the same summary without the run's CPU time
      valid("simulate-summary", "simulate-" + example + "-summary-file", Files.readString(out.resolve("summary.json")));
    }
    Path out = dir.resolve("accuracy");
    valid("verify-accuracy", "verify-accuracy", CalcCommandTest.itb("verify", "accuracy", "--rate", "0.5", "--hours", "24", "--out", out.toString(),
        "--json"));
    valid("verify-accuracy", "verify-accuracy-summary-file", Files.readString(out.resolve("summary.json")));
  }

  @Test
  void thePumpCommandsJsonAndTheSessionRecordsFollowTheirSchemas(@TempDir Path dir) throws Exception {
    Path credentials = dir.resolve("pump.json");
    try (VirtualPump pump = VirtualPump.builder(9).manualClock().build()) {
      pump.credentials().withPort(pump.serveTcp(0).port()).write(credentials);
      String c = credentials.toString();
      valid("ptm-status", "ptm-status", CalcCommandTest.itb("ptm", "status", "--credentials", c, "--json"));
      valid("ptm-bolus", "ptm-bolus-granted", CalcCommandTest.itb("ptm", "bolus", "--credentials", c, "--json"));
      pump.advance(Duration.ofMinutes(30));
      JsonNode refused = valid("ptm-bolus", "ptm-bolus-refused", CalcCommandTest.itb("ptm", "bolus", "--credentials", c, "--json"));
      assertThat(refused.get("refusal").asText()).isEqualTo("LOCKOUT");

      Path interrogation = dir.resolve("interrogate.json");
      valid("programmer-interrogate", "programmer-interrogate", CalcCommandTest.itb("programmer", "interrogate", "--credentials", c,
          "--record", interrogation.toString(), "--json"));
      valid("session-record", "session-record-interrogate", Files.readString(interrogation));
      valid("programmer-events", "programmer-events", CalcCommandTest.itb("programmer", "events", "--credentials", c, "--all", "--json"));

      Path program = dir.resolve("program.json");
      CalcCommandTest.Run refusedChange = CalcCommandTest.itb("programmer", "program", "--credentials", c, "--dose", "500", "--record",
          program.toString(), "--json");
      assertThat(refusedChange.exit()).isEqualTo(3);
      assertThat(valid("programmer-program", "programmer-program-refused", refusedChange).get("completed").asBoolean()).isFalse();
      valid("session-record", "session-record-program-refused", Files.readString(program));
      CalcCommandTest.Run ok = CalcCommandTest.itb("programmer", "program", "--credentials", c, "--flex", "06:00=400,22:00=300", "--record",
          program.toString(), "--json");
      assertThat(ok.exit()).as(ok.out()).isZero();
      assertThat(valid("programmer-program", "programmer-program", ok).get("preview").isArray()).isTrue();
      valid("session-record", "session-record-program", Files.readString(program));

      Path bolus = dir.resolve("bolus.json");
      CalcCommandTest.Run given = CalcCommandTest.itb("programmer", "bolus", "--credentials", c, "--dose-mcg", "20", "--record", bolus.toString(),
          "--json");
      valid("programmer-bolus", "programmer-bolus", given);
      valid("session-record", "session-record-bolus", Files.readString(bolus));
      Path mri = dir.resolve("post-mri.json");
      CalcCommandTest.Run checked = CalcCommandTest.itb("programmer", "post-mri", "--credentials", c, "--record", mri.toString(), "--json");
      valid("programmer-post-mri", "programmer-post-mri", checked);
      JsonNode mriRecord = valid("session-record", "session-record-post-mri", Files.readString(mri));
      assertThat(mriRecord.get("postMri").isObject()).isTrue();

      Path refill = dir.resolve("refill.json");
      CalcCommandTest.Run notComplete = CalcCommandTest.itb("programmer", "refill", "--credentials", c, "--withdrawn-ml", "19.9", "--volume-ml",
          "20", "--concentration", "2000", "--record", refill.toString(), "--json");
      assertThat(notComplete.exit()).isEqualTo(3);
      valid("programmer-refill", "programmer-refill-not-complete", notComplete);
      valid("session-record", "session-record-refill-not-complete", Files.readString(refill));
      CalcCommandTest.Run done = CalcCommandTest.itb("programmer", "refill", "--credentials", c, "--withdrawn-ml", "19.9", "--volume-ml", "20",
          "--concentration", "2000", "--confirmed-by", "nurse.b", "--record", refill.toString(), "--json");
      assertThat(done.exit()).as(done.out() + done.err()).isZero();
      JsonNode r = valid("programmer-refill", "programmer-refill", done);
      assertThat(r.has("bridgeBolusMl")).isTrue();
      JsonNode record = valid("session-record", "session-record-refill", Files.readString(refill));
      assertThat(record.get("refill").get("bridge").isObject()).isTrue();
    }
    // the programmer's golden record (its own tests keep it byte-exact)
    valid("session-record", "session-record-golden", Files.readString(Path.of("..", "programmer", "src", "test", "resources", "golden",
        "refill-session.json")));
  }

  /**
   * The check can fail: a real output with a required key removed, with that key of the wrong type, or with an unknown
   * key added is refused (every output this class validates goes through {@link #refusesSpoiled}; this test names it for
   * a calculator output and the programmer's golden session record).
   */
  @Test
  void aSchemaRefusesAMissingRequiredKeyAWrongTypeAndAnUnknownKey() throws IOException {
    JsonNode refill = JSON.readTree(CalcCommandTest.itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "20", "--concentration", "500",
        "--dose", "300", "--at", "2026-03-01T09:30", "--json").out());
    assertThat(messages("calc-refill", refill)).isEmpty();
    ObjectNode noDate = refill.deepCopy();
    noDate.remove("refillBy");
    assertThat(messages("calc-refill", noDate)).anyMatch(m -> m.contains("refillBy"));
    ObjectNode textVolume = refill.deepCopy();
    textVolume.put("dailyVolumeMl", "0.600 mL");
    assertThat(messages("calc-refill", textVolume)).anyMatch(m -> m.contains("dailyVolumeMl"));
    ObjectNode badEnum = refill.deepCopy();
    badEnum.put("refillByBound", "ALARM");
    assertThat(messages("calc-refill", badEnum)).anyMatch(m -> m.contains("refillByBound"));
    JsonNode golden = read(Path.of("..", "programmer", "src", "test", "resources", "golden", "refill-session.json"));
    assertThat(messages("session-record", golden)).isEmpty();
    ObjectNode wrongVersion = golden.deepCopy();
    wrongVersion.put("schemaVersion", 2);
    assertThat(messages("session-record", wrongVersion)).anyMatch(m -> m.contains("schemaVersion"));
    ObjectNode badDelivery = golden.deepCopy();
    ((ObjectNode) badDelivery.get("interrogations").get(0)).put("delivery", "RUNNING");
    assertThat(messages("session-record", badDelivery)).anyMatch(m -> m.contains("delivery"));
    refusesSpoiled("calc-refill", refill);
    refusesSpoiled("session-record", golden);
  }

  /** {@code good} (valid) with its first required key removed, that key of the wrong type, or an unknown key: each refused. */
  static void refusesSpoiled(String name, JsonNode good) {
    String key = schema(name).getSchemaNode().get("required").get(0).asText();
    ObjectNode missing = good.deepCopy();
    missing.remove(key);
    assertThat(messages(name, missing)).as(name + " without " + key).anyMatch(m -> m.contains(key));
    ObjectNode wrongType = good.deepCopy();
    JsonNode v = good.get(key);
    if (v.isTextual() || v.isNull()) {
      wrongType.put(key, 42);
    } else {
      wrongType.put(key, "not a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    assertThat(messages(name, wrongType)).as(name + " with " + key + " of the wrong type").isNotEmpty();
    ObjectNode unknown = good.deepCopy();
    unknown.put("untill", "2027-01-01");
    assertThat(messages(name, unknown)).as(name + " with an unknown key").anyMatch(m -> m.contains("untill"));
  }
}
