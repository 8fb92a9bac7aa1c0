// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi30;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.TestSupport;

/**
 * The hand-written openapi.yaml as the tests read it: swagger-parser's verdict on it, the set of
 * operations it documents, and a check of one real response against the schema it documents for
 * that operation and status (JSON Schema validation with networknt's OpenAPI 3.0 dialect, which
 * knows {@code nullable}).
 */
public final class OpenApiDocument {
  /** The document the server serves. */
  public static final OpenApiDocument SERVED = new OpenApiDocument(ClinicApi.openApi());
  private static final String BASE = "https://openitb.invalid/openapi.json";
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(OpenApi30.getInstance());
  final String yaml;
  final JsonNode doc;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  OpenApiDocument(String yaml) {
    this.yaml = yaml;
    try {
      this.doc = new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What swagger-parser says about the document (structure, references, schemas); empty when it is valid. */
  List<String> parserMessages() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIParser().readContents(yaml, null, options);
    return result.getMessages() == null ? List.of() : List.copyOf(result.getMessages());
  }

  /** Every documented operation as "METHOD /path" (as {@link ClinicServer#routes()} names a route). */
  Set<String> operations() {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
      p.getValue().fieldNames().forEachRemaining(m -> {
        if (!m.equals("parameters") && !m.equals("summary") && !m.equals("description")) {
          out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
        }
      });
    }
    return out;
  }

  /**
   * What is wrong with one real response: an operation or status the document does not have, a content type it does not
   * list, or a JSON body its schema refuses. Empty when the response is as documented.
   */
  public List<String> check(String method, String path, int status, String contentType, String body) {
    String what = method + " " + path + " -> " + status;
    if (!path.startsWith("/api/")) {
      return List.of(); // the web UI's pages and files: not part of the API
    }
    Optional<String> template = template(path);
    if (template.isEmpty()) {
      return List.of(what + ": no such path in openapi.yaml");
    }
    JsonNode op = doc.path("paths").path(template.get()).path(method.toLowerCase(Locale.ROOT));
    if (op.isMissingNode()) {
      return List.of(what + ": " + method + " " + template.get() + " is not in openapi.yaml");
    }
    String code = Integer.toString(status);
    JsonNode response = op.path("responses").has(code) ? op.path("responses").path(code) : op.path("responses").path("default");
    if (response.isMissingNode()) {
      return List.of(what + ": status " + code + " is not documented (and no default)");
    }
    if (response.has("$ref")) {
      response = pointer(response.get("$ref").asText());
    }
    String type = contentType == null ? "" : contentType.split(";")[0].trim();
    if (type.isEmpty() && (body == null || body.isEmpty())) {
      return List.of();
    }
    JsonNode media = response.path("content").path(type);
    if (media.isMissingNode()) {
      return List.of(what + ": content type " + type + " is not documented for this response");
    }
    if (!type.equals("application/json")) {
      return List.of();
    }
    String key = template.get() + " " + method + " " + (op.path("responses").has(code) ? code : "default");
    Schema schema = schemas.computeIfAbsent(key, k -> schema(media.path("schema")));
    JsonNode json = TestSupport.json(body);
    return schema.validate(json).stream().map(e -> what + " (" + template.get() + "): " + e.getMessage()).toList();
  }

  /** The schema of one response, with the document's components beside it so that its references resolve. */
  private Schema schema(JsonNode node) {
    ObjectNode wrapper = node.isObject() ? ((ObjectNode) node).deepCopy() : new YAMLMapper().createObjectNode();
    wrapper.set("components", doc.path("components"));
    return REGISTRY.getSchema(SchemaLocation.of(BASE), wrapper);
  }

  private JsonNode pointer(String ref) {
    return doc.at(ref.substring(1));
  }

  /** The documented path a request path matches: a literal path before one with parameters. */
  Optional<String> template(String path) {
    String p = path.split("\\?")[0];
    List<String> matches = new ArrayList<>();
    doc.path("paths").fieldNames().forEachRemaining(t -> {
      if (Pattern.compile(Pattern.quote(t).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")).matcher(p).matches()) {
        matches.add(t);
      }
    });
    return matches.stream().min(Comparator.comparingLong(t -> t.chars().filter(c -> c == '{').count()));
  }
}
