// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

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
