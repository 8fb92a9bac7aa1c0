// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openitb.therapy.units.InvalidValueException;

/**
 * The published JSON Schema of scenario files (schemas/scenario.schema.json in the source tree,
 * on the class path beside this class), checked before any semantic check. The first violation
 * becomes an {@link InvalidValueException} naming the key's path in the file
 * ({@code events[3].refill.volume}), the value and what the schema allows; a misspelt key names
 * the nearest allowed key.
 */
final class ScenarioSchema {
  static final String RESOURCE = "scenario.schema.json";
  private static final JsonNode SCHEMA_JSON = read();
  private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_JSON);

  private ScenarioSchema() {}

  private static JsonNode read() {
    try (InputStream in = ScenarioSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the class path");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema as published (for tests and for {@code itb} to print). */
  static JsonNode json() {
    return SCHEMA_JSON.deepCopy();
  }

  static void validate(JsonNode document) {
    List<Error> errors = new ArrayList<>(SCHEMA.validate(document));
    if (errors.isEmpty()) {
      return;
    }
    // the most telling first: unknown or missing keys, then wrong types, then values
    errors.sort(Comparator.comparingInt(ScenarioSchema::rank));
    throw refusal(errors.get(0));
  }

  private static int rank(Error e) {
    return switch (String.valueOf(e.getKeyword())) {
      case "additionalProperties" -> 0;
      case "required" -> 1;
      case "maxProperties", "minProperties" -> 2;
      case "type" -> 3;
      default -> 4;
    };
  }

  private static InvalidValueException refusal(Error e) {
    String path = path(e.getInstanceLocation());
    JsonNode value = e.getInstanceNode();
    JsonNode rule = ruleOf(e);
    String keyword = String.valueOf(e.getKeyword());
    switch (keyword) {
      case "additionalProperties" -> {
        String key = e.getProperty();
        List<String> allowed = new ArrayList<>();
        rule.path("properties").fieldNames().forEachRemaining(allowed::add);
        String hint = nearest(key, allowed);
        return new InvalidValueException(join(path, key), key, String.join(", ", allowed),
            "unknown key" + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
      }
      case "required" -> {
        String key = e.getProperty();
        JsonNode wanted = rule.path("properties").path(key);
        return new InvalidValueException(join(path, key), "(missing)", describe(wanted), "required key missing");
      }
      case "maxProperties", "minProperties" -> {
        List<String> events = new ArrayList<>();
        value.fieldNames().forEachRemaining(k -> {
          if (!k.equals("at") && !k.equals("repeat")) {
            events.add(k);
          }
        });
        List<String> allowed = new ArrayList<>();
        SCHEMA_JSON.at("/$defs/event/properties").fieldNames().forEachRemaining(k -> {
          if (!k.equals("at") && !k.equals("repeat")) {
            allowed.add(k);
          }
        });
        return new InvalidValueException(path, events.isEmpty() ? "(no event)" : String.join(" and ", events),
            "exactly one of " + String.join(", ", allowed) + " per entry (write two entries for two events)",
            events.isEmpty() ? "entry has no event" : "more than one event in one entry");
      }
      default -> {
        String got = value == null ? "(missing)" : value.isTextual() ? value.asText() : value.toString();
        return new InvalidValueException(path.isEmpty() ? "scenario" : path, got, describe(rule), problem(keyword, value, rule));
      }
    }
  }

  private static String problem(String keyword, JsonNode value, JsonNode rule) {
    return switch (keyword) {
      case "type" -> "wrong kind of value (" + kind(value) + " where " + expected(rule.path("type").asText()) + " belongs)";
      case "pattern" -> "not in the expected form";
      case "enum", "const" -> "not one of the allowed values";
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> "out of range";
      default -> "not allowed by the scenario schema (" + keyword + ")";
    };
  }

  private static String expected(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "string" -> "text";
      default -> type;
    };
  }

  private static String kind(JsonNode v) {
    if (v == null) {
      return "missing";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "true/false";
    }
    return v.isTextual() ? "text" : v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** What a schema node allows, in words: its description, enum, range or type. */
  static String describe(JsonNode rule) {
    JsonNode r = resolve(rule);
    List<String> parts = new ArrayList<>();
    if (r.has("description")) {
      parts.add(r.get("description").asText());
    }
    if (r.has("enum")) {
      List<String> values = new ArrayList<>();
      r.get("enum").forEach(v -> values.add(v.asText()));
      parts.add("one of " + String.join(", ", values));
    }
    if (r.has("minimum") || r.has("maximum")) {
      parts.add("from " + r.path("minimum").asText("-") + " to " + r.path("maximum").asText("-"));
    }
    if (parts.isEmpty() && r.has("type")) {
      parts.add("a value of type " + r.get("type").asText());
    }
    if (parts.isEmpty() && r.has("anyOf")) {
      List<String> alts = new ArrayList<>();
      r.get("anyOf").forEach(a -> alts.add(describe(a)));
      parts.add(String.join(" or ", alts));
    }
    return parts.isEmpty() ? "see schemas/scenario.schema.json" : String.join("; ", parts);
  }

  private static JsonNode resolve(JsonNode rule) {
    JsonNode r = rule;
    for (int i = 0; i < 8 && r.has("$ref"); i++) {
      r = SCHEMA_JSON.at(r.get("$ref").asText().substring(1));
    }
    return r;
  }

  /** The schema object that holds the failing keyword (its description names what is allowed). */
  private static JsonNode ruleOf(Error e) {
    String location = String.valueOf(e.getSchemaLocation());
    int hash = location.indexOf('#');
    String pointer = hash < 0 ? "" : location.substring(hash + 1);
    int cut = pointer.lastIndexOf('/');
    String parent = cut < 0 ? "" : pointer.substring(0, cut);
    JsonNode node = SCHEMA_JSON.at(parent);
    if (node.isMissingNode()) {
      return SCHEMA_JSON;
    }
    // a failing "items"/"anyOf" entry points inside the rule; walk up to an object that describes
    return resolve(node);
  }

  static String path(NodePath p) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < p.getNameCount(); i++) {
      Object el = p.getElement(i);
      if (el instanceof Integer index) {
        b.append('[').append(index).append(']');
      } else {
        if (!b.isEmpty()) {
          b.append('.');
        }
        b.append(el);
      }
    }
    return b.toString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The allowed key within edit distance 2 of {@code key}, if one is. */
  static String nearest(String key, List<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String a : allowed) {
      int d = distance(key.toLowerCase(java.util.Locale.ROOT), a.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = a;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    // optimal string alignment: a swap of two neighbours (lenght) counts as one edit
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
