// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/** A request's JSON object with typed, validating accessors; every refusal names the field, value and what is allowed. */
final class Body {
  static final ObjectMapper MAPPER = new ObjectMapper();
  final JsonNode node;

  private Body(JsonNode node) {
    this.node = node;
  }

  static Body parse(String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("empty request body: send a JSON object", "body", "", "a JSON object");
    }
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n == null || !n.isObject()) {
        throw ApiException.badRequest("the request body must be a JSON object", "body", abbreviate(text), "a JSON object {...}");
      }
      return new Body(n);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), "body", abbreviate(text), "a JSON object");
    }
  }

  boolean has(String field) {
    return node.hasNonNull(field) && !(node.get(field).isTextual() && node.get(field).asText().isBlank());
  }

  String text(String field, int maxLength) {
    if (!has(field)) {
      throw ApiException.badRequest("missing field " + field, field, "", "a text of 1-" + maxLength + " characters");
    }
    String v = node.get(field).asText().trim();
    if (v.length() > maxLength) {
      throw ApiException.badRequest(field + " is too long", field, abbreviate(v), "1-" + maxLength + " characters");
    }
    return v;
  }

  String optText(String field, int maxLength, String fallback) {
    return has(field) ? text(field, maxLength) : fallback;
  }

  long integer(String field, long min, long max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("missing field " + field, field, "", min + "-" + max);
    }
    boolean integral = v.isIntegralNumber() && v.canConvertToLong();
    boolean digits = v.isTextual() && v.asText().trim().matches("-?\\d{1,18}");
    if (!integral && !digits) {
      throw ApiException.badRequest(field + " must be a whole number", field, v.asText(), min + "-" + max);
    }
    long n = integral ? v.asLong() : Long.parseLong(v.asText().trim());
    if (n < min || n > max) {
      throw ApiException.badRequest(field + " out of range", field, String.valueOf(n), min + "-" + max);
    }
    return n;
  }

  /** An optional true/false field; anything but a JSON boolean is refused rather than guessed. */
  boolean bool(String field, boolean fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest(field + " must be true or false", field, v.asText(), "true, false");
    }
    return v.booleanValue();
  }

  <E extends Enum<E>> E choice(String field, Class<E> type) {
    String v = text(field, 32);
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("unknown " + field, field, v, Arrays.toString(type.getEnumConstants()));
    }
  }

  LocalDate date(String field) {
    String v = text(field, 10);
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field + " is not a date", field, v, "YYYY-MM-DD");
    }
  }

  LocalDateTime dateTime(String field, LocalDateTime fallback) {
    if (!has(field)) {
      return fallback;
    }
    String v = text(field, 19);
    try {
      return LocalDateTime.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field + " is not a date and time", field, v, "YYYY-MM-DDTHH:MM[:SS]");
    }
  }

  static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
