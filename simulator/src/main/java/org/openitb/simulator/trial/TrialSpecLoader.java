// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.trial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openitb.physiology.AgeGroup;
import org.openitb.physiology.Etiology;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.InvalidValueException;

/**
 * Reads a trial spec (YAML, see examples/trials/refill-policy.yaml). Unknown keys are refused with
 * their path, as the scenario loader does.
 */
public final class TrialSpecLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TrialSpecLoader() {}

  public static TrialSpec load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trial spec " + file + ": " + e.getMessage(), e);
    }
  }

  public static TrialSpec parse(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new InvalidValueException("trial", "(YAML)", "a YAML mapping", "not readable: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidValueException("trial", "(YAML)", "a YAML mapping", "empty or not a mapping");
    }
    only(root, "", Set.of("name", "seed", "patients", "years", "start", "pump", "catheter", "population", "arms"));
    List<TrialSpec.Stratum> strata = new ArrayList<>();
    int i = 0;
    for (JsonNode s : list(root, "population")) {
      String path = "population[" + i++ + "]";
      only(s, path, Set.of("etiology", "age", "weight"));
      strata.add(new TrialSpec.Stratum(etiology(text(s, path, "etiology")), age(text(s, path, "age")), number(s, path, "weight")));
    }
    List<Arm> arms = new ArrayList<>();
    i = 0;
    for (JsonNode a : list(root, "arms")) {
      String path = "arms[" + i++ + "]";
      only(a, path, Set.of("name", "refillBufferDays", "bridgeBolus", "titrationStepPercent", "missedVisitProbability"));
      arms.add(new Arm(text(a, path, "name"), (int) number(a, path, "refillBufferDays"), bool(a, path, "bridgeBolus"),
          (int) number(a, path, "titrationStepPercent"), number(a, path, "missedVisitProbability")));
    }
    JsonNode pump = root.path("pump");
    JsonNode catheter = root.path("catheter");
    LocalDateTime start;
    try {
      start = LocalDateTime.parse(text(root, "", "start"));
    } catch (DateTimeParseException e) {
      throw new InvalidValueException("start", root.path("start").asText(), "a local date-time such as 2027-01-04T09:00", "not a date-time");
    }
    return new TrialSpec(text(root, "", "name"), (long) number(root, "", "seed"), (int) number(root, "", "patients"),
        (int) number(root, "", "years"), start, strata, PumpModels.byName(text(pump, "pump", "model")),
        (int) number(catheter, "catheter", "lengthCm"), arms);
  }

  private static Etiology etiology(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "spinal" -> Etiology.SPINAL;
      case "cerebral" -> Etiology.CEREBRAL;
      case "multiple-sclerosis", "ms" -> Etiology.MULTIPLE_SCLEROSIS;
      default -> throw new InvalidValueException("population[].etiology", s, "spinal, cerebral, multiple-sclerosis", "unknown etiology");
    };
  }

  private static AgeGroup age(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "adult" -> AgeGroup.ADULT;
      case "child" -> AgeGroup.CHILD;
      default -> throw new InvalidValueException("population[].age", s, "adult, child", "unknown age group");
    };
  }

  private static void only(JsonNode node, String path, Set<String> allowed) {
    node.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        throw new InvalidValueException(join(path, k), "(present)", String.join(", ", new java.util.TreeSet<>(allowed)), "unknown key");
      }
    });
  }

  private static List<JsonNode> list(JsonNode root, String key) {
    JsonNode n = root.path(key);
    if (!n.isArray()) {
      throw new InvalidValueException(key, n.isMissingNode() ? "(missing)" : n.toString(), "a list", "required list");
    }
    List<JsonNode> out = new ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  private static String text(JsonNode n, String path, String key) {
    JsonNode v = n.path(key);
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw new InvalidValueException(join(path, key), v.isMissingNode() ? "(missing)" : v.toString(), "a value", "required");
    }
    return v.asText().trim();
  }

  private static double number(JsonNode n, String path, String key) {
    JsonNode v = n.path(key);
    if (!v.isNumber()) {
      throw new InvalidValueException(join(path, key), v.isMissingNode() ? "(missing)" : v.toString(), "a number", "required number");
    }
    return v.asDouble();
  }

  private static boolean bool(JsonNode n, String path, String key) {
    JsonNode v = n.path(key);
    if (!v.isBoolean()) {
      throw new InvalidValueException(join(path, key), v.isMissingNode() ? "(missing)" : v.toString(), "true or false", "required");
    }
    return v.asBoolean();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
