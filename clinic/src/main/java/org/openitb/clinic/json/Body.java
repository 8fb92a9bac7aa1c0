// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A request's JSON object with typed, validating accessors; every refusal names the field, value and
 * what is allowed. Parsing is strict: nesting deeper than {@value #MAX_DEPTH}, numbers longer than
 * {@value #MAX_NUMBER_DIGITS} digits, texts over {@value #MAX_TEXT} characters and anything after
 * the JSON object are refused with 400, and a text field takes only a JSON string (an array, object,
 * number or boolean is refused, not turned into text).
 */
public final class Body {
  public static final int MAX_DEPTH = 64;
  public static final int MAX_NUMBER_DIGITS = 40;
  static final int MAX_TEXT = 5_000_000;
  /** Dates the clinic records: nothing before the Gregorian era's usual records, nothing absurdly far ahead. */
  static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
  static final LocalDate LAST_DATE = LocalDate.of(2199, 12, 31);
  public static final String SECRET = "(hidden)";
  public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_DIGITS)
          .maxStringLength(MAX_TEXT).build())
      // {"mrn": "A", ..., "mrn": "B"} is ambiguous: a screen and a parser could each read a different value
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  public final JsonNode node;

  private Body(JsonNode node) {
    this.node = node;
  }

  public static Body parse(String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("empty request body: send a JSON object", "body", "", "a JSON object");
    }
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n == null || !n.isObject()) {
        throw ApiException.badRequest("the request body must be a JSON object", "body", abbreviate(text), "a JSON object {...}");
      }
      return new Body(n);
    } catch (StreamConstraintsException e) {
      throw ApiException.badRequest("request body beyond the limits: " + e.getOriginalMessage(), "body", abbreviate(text),
          "a JSON object nested at most " + MAX_DEPTH + " deep, numbers of at most " + MAX_NUMBER_DIGITS + " digits");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw ApiException.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage(), "body", abbreviate(text),
          "one JSON object and nothing after it");
    }
  }

  public boolean has(String field) {
    return node.hasNonNull(field) && !(node.get(field).isTextual() && node.get(field).asText().isBlank());
  }

  /** A text field, trimmed; a JSON string only. */
  public String text(String field, int maxLength) {
    if (!has(field)) {
      throw ApiException.badRequest("missing field " + field, field, "", "a text of 1-" + maxLength + " characters");
    }
    String v = string(field, false).trim();
    if (v.length() > maxLength) {
      throw ApiException.badRequest(field + " is too long", field, abbreviate(v), "1-" + maxLength + " characters");
    }
    return v;
  }

  /**
   * A secret (a password, a one-time code): exactly as sent, never trimmed, and never echoed in a
   * refusal. Length is checked by the caller, which knows its rules.
   */
  public String secret(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
      throw ApiException.badRequest("missing field " + field, field, "", "a text");
    }
    return string(field, true);
  }

  private String string(String field, boolean secret) {
    JsonNode v = node.get(field);
    if (!v.isTextual()) {
      throw ApiException.badRequest(field + " must be a JSON string", field, secret ? SECRET : shown(v),
          "a text in double quotes, not " + kind(v));
    }
    return v.textValue();
  }

  private static String kind(JsonNode v) {
    return v.isArray() ? "an array" : v.isObject() ? "an object" : v.isNumber() ? "a number" : v.isBoolean() ? "true/false" : "that";
  }

  public String optText(String field, int maxLength, String fallback) {
    return has(field) ? text(field, maxLength) : fallback;
  }

  public long integer(String field, long min, long max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("missing field " + field, field, "", min + "-" + max);
    }
    boolean integral = v.isIntegralNumber() && v.canConvertToLong();
    boolean digits = v.isTextual() && v.asText().trim().matches("-?\\d{1,18}");
    if (!integral && !digits) {
      throw ApiException.badRequest(field + " must be a whole number", field, shown(v), min + "-" + max);
    }
    long n = integral ? v.asLong() : Long.parseLong(v.asText().trim());
    if (n < min || n > max) {
      throw ApiException.badRequest(field + " out of range", field, String.valueOf(n), min + "-" + max);
    }
    return n;
  }

  /** An optional true/false field; anything but a JSON boolean is refused rather than guessed. */
  public boolean bool(String field, boolean fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest(field + " must be true or false", field, shown(v), "true, false");
    }
    return v.booleanValue();
  }

  public <E extends Enum<E>> E choice(String field, Class<E> type) {
    String v = text(field, 32);
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("unknown " + field, field, v, Arrays.toString(type.getEnumConstants()));
    }
  }

  public LocalDate date(String field) {
    String v = text(field, 10);
    LocalDate d;
    try {
      d = LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field + " is not a date", field, v, "YYYY-MM-DD");
    }
    inRange(field, v, d);
    return d;
  }

  public LocalDateTime dateTime(String field, LocalDateTime fallback) {
    if (!has(field)) {
      return fallback;
    }
    String v = text(field, 19);
    LocalDateTime t;
    try {
      t = LocalDateTime.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field + " is not a date and time", field, v, "YYYY-MM-DDTHH:MM[:SS]");
    }
    inRange(field, v, t.toLocalDate());
    return t;
  }

  private static void inRange(String field, String v, LocalDate d) {
    if (d.isBefore(FIRST_DATE) || d.isAfter(LAST_DATE)) {
      throw ApiException.badRequest(field + " is out of range", field, v, FIRST_DATE + " to " + LAST_DATE);
    }
  }

  /** A refused value as sent: a string's text, anything else as its JSON. */
  private static String shown(JsonNode v) {
    return abbreviate(v.isTextual() ? v.asText() : v.toString());
  }

  public static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
