// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/**
 * Flattens a pump event record into a JSON-ready map: quantities in clinical units as text
 * ("0.700 mL", "300 mcg/day"), prescriptions as a one-line summary, optionals unwrapped. Generic
 * over records so every event type the firmware adds is written without a change here.
 */
final class EventJson {
  private EventJson() {}

  /** Each record class's component accessors, looked up once. */
  private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
    @Override
    protected Method[] computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Method[] out = new Method[components.length];
      for (int i = 0; i < components.length; i++) {
        out[i] = components[i].getAccessor();
        out[i].setAccessible(true);
      }
      return out;
    }
  };

  /** Record classes with a component named like one of the line's own keys (a map would merge them): those take the map path. */
  private static final ClassValue<Boolean> CLASHES = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      for (RecordComponent c : type.getRecordComponents()) {
        if (LINE_KEYS.contains(c.getName())) {
          return true;
        }
      }
      return false;
    }
  };

  private static final java.util.Set<String> LINE_KEYS = java.util.Set.of("n", "at", "rtcMillis", "pump", "event");

  /**
   * One events.jsonl line: {@code {"n":..,"at":..,"rtcMillis":..,"pump":..,"event":..,<fields>}}
   * and a newline, written straight to {@code out}. The same bytes as serialising the equivalent
   * map ({@link #fields}) with {@code json}, which takes any value this writer does not format
   * itself.
   */
  static void line(StringBuilder out, long number, String at, long rtcMillis, String pump, Record event, ObjectMapper json)
      throws java.io.IOException {
    if (CLASHES.get(event.getClass())) {
      out.append(mapLine(number, at, rtcMillis, pump, event, json));
      return;
    }
    out.append("{\"n\":").append(number).append(",\"at\":");
    string(out, at, json);
    out.append(",\"rtcMillis\":").append(rtcMillis).append(",\"pump\":");
    string(out, pump, json);
    out.append(",\"event\":");
    string(out, event.getClass().getSimpleName(), json);
    members(out, event, json, false);
    out.append("}\n");
  }

  /** The same line built as a map and serialised by {@code json} (the reference {@link #line} must equal). */
  static String mapLine(long number, String at, long rtcMillis, String pump, Record event, ObjectMapper json) throws java.io.IOException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("n", number);
    row.put("at", at);
    row.put("rtcMillis", rtcMillis);
    row.put("pump", pump);
    row.put("event", event.getClass().getSimpleName());
    row.putAll(fields(event));
    return json.writeValueAsString(row) + "\n";
  }

  /** The record's components as {@code ,"name":value} pairs ({@code first}: no comma before the first). */
  private static void members(StringBuilder out, Record r, ObjectMapper json, boolean first) throws java.io.IOException {
    RecordComponent[] components = r.getClass().getRecordComponents();
    Method[] accessors = ACCESSORS.get(r.getClass());
    for (int i = 0; i < accessors.length; i++) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, components[i].getName(), json);
      out.append(':');
      Object v;
      try {
        v = accessors[i].invoke(r);
      } catch (ReflectiveOperationException e) {
        string(out, "(unreadable: " + e.getMessage() + ")", json);
        continue;
      }
      write(out, v, json);
    }
  }

  /** {@link #value} of {@code v}, written as JSON. */
  private static void write(StringBuilder out, Object v, ObjectMapper json) throws java.io.IOException {
    if (v instanceof Concentration || v instanceof DoseRate || v instanceof VolumeRate || v instanceof Duration || v instanceof Temporal
        || v instanceof Enum<?> || v instanceof Character) {
      string(out, v.toString(), json); // as value() does, before the record case below
      return;
    }
    switch (v) {
      case null -> out.append("null");
      case Optional<?> o -> write(out, o.orElse(null), json);
      case OptionalLong o -> {
        if (o.isPresent()) {
          out.append(o.getAsLong());
        } else {
          out.append("null");
        }
      }
      case Long l -> out.append(l.longValue());
      case Integer i -> out.append(i.intValue());
      case Boolean b -> out.append(b.booleanValue());
      case String s -> string(out, s, json);
      case Volume q -> {
        out.append('"');
        FastText.halfUp(out, q.nanolitres(), 1_000_000L, 3).append(" mL\"");
      }
      case Mass q -> {
        out.append('"');
        FastText.exact(out, q.nanograms(), 1_000L).append(" mcg\"");
      }
      case Collection<?> c -> {
        out.append('[');
        boolean first = true;
        for (Object e : c) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(out, e, json);
        }
        out.append(']');
      }
      case Prescription p -> string(out, PrescriptionText.of(p), json);
      case Record r -> {
        out.append('{');
        members(out, r, json, true);
        out.append('}');
      }
      default -> {
        Object leaf = value(v);
        if (leaf instanceof String s) {
          string(out, s, json);
        } else {
          out.append(json.writeValueAsString(leaf));
        }
      }
    }
  }

  /** A JSON string: printable ASCII without quote or backslash as is, anything else as the mapper escapes it. */
  private static void string(StringBuilder out, String s, ObjectMapper json) throws java.io.IOException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        out.append(json.writeValueAsString(s));
        return;
      }
    }
    out.append('"').append(s).append('"');
  }

  static Map<String, Object> fields(Record event) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : event.getClass().getRecordComponents()) {
      try {
        out.put(c.getName(), value(c.getAccessor().invoke(event)));
      } catch (ReflectiveOperationException e) {
        out.put(c.getName(), "(unreadable: " + e.getMessage() + ")");
      }
    }
    return out;
  }

  static Object value(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Optional<?> o) {
      return o.map(EventJson::value).orElse(null);
    }
    if (v instanceof OptionalLong o) {
      return o.isPresent() ? o.getAsLong() : null;
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    if (v instanceof Volume || v instanceof Mass || v instanceof Concentration || v instanceof DoseRate || v instanceof VolumeRate
        || v instanceof Duration || v instanceof Temporal || v instanceof Enum<?> || v instanceof Character) {
      return v.toString();
    }
    if (v instanceof Prescription p) {
      return PrescriptionText.of(p);
    }
    if (v instanceof Collection<?> c) {
      return c.stream().map(EventJson::value).toList();
    }
    if (v instanceof Record r) {
      return fields(r);
    }
    return v.toString();
  }
}
