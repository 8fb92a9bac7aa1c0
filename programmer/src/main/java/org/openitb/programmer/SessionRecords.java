// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Writes and reads {@link SessionRecord} JSON. Guarantees: output is deterministic (fixed field
 * order, two-space indentation, "\n" line ends); reading refuses a record whose schemaVersion is
 * missing or newer than this programmer understands, naming both versions.
 */
public final class SessionRecords {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private SessionRecords() {}

  public static String toJson(SessionRecord record) {
    try {
      return MAPPER.writeValueAsString(record).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("session record could not be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static SessionRecord fromJson(String json) {
    try {
      JsonNode tree = MAPPER.readTree(json);
      JsonNode version = tree.get("schemaVersion");
      if (version == null || !version.canConvertToInt() || version.asInt() < 1 || version.asInt() > SessionRecord.SCHEMA_VERSION) {
        throw new IllegalArgumentException("schemaVersion: this programmer reads session records of version 1.."
            + SessionRecord.SCHEMA_VERSION + " (got '" + version + "'); update the programmer software");
      }
      return MAPPER.treeToValue(tree, SessionRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a session record: " + e.getOriginalMessage(), e);
    }
  }
}
