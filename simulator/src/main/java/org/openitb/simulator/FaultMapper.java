// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import java.util.Map;
import org.openitb.hardware.Fault;
import org.openitb.therapy.units.InvalidValueException;

/**
 * Turns a scenario's {@code fault:} entry into a hardware {@link Fault} at a virtual instant. The
 * types and their parameters are listed in examples/README.md; every missing or bad parameter is
 * refused with the event's path.
 */
final class FaultMapper {
  static final String TYPES =
      "motor-stall, motor-runaway, memory-bit-flip, memory-corruption, memory-write-failure, rtc-drift, firmware-hang, "
          + "brown-out, battery-capacity-loss, feedthrough-short, pocket-fill, catheter-occlusion, catheter-kink, catheter-leak, "
          + "catheter-disconnection, radio-loss, delivery-bias";
  private static final long PPM_PER_PERCENT = 10_000;

  private FaultMapper() {}

  /** The parameters each fault type takes (the schema lists their union). */
  static final Map<String, java.util.Set<String>> PARAMETERS = Map.ofEntries(
      Map.entry("motor-stall", java.util.Set.of("duration")),
      Map.entry("motor-runaway", java.util.Set.of("rotationsPerHour")),
      Map.entry("memory-bit-flip", java.util.Set.of("address", "bit")),
      Map.entry("memory-corruption", java.util.Set.of("address", "length")),
      Map.entry("memory-write-failure", java.util.Set.of("duration")),
      Map.entry("rtc-drift", java.util.Set.of("ppm")),
      Map.entry("firmware-hang", java.util.Set.of()),
      Map.entry("brown-out", java.util.Set.of()),
      Map.entry("battery-capacity-loss", java.util.Set.of("percent")),
      Map.entry("feedthrough-short", java.util.Set.of("extraNanoampHoursPerHour")),
      Map.entry("pocket-fill", java.util.Set.of("percent")),
      Map.entry("catheter-occlusion", java.util.Set.of("duration", "stallsRotor")),
      Map.entry("catheter-kink", java.util.Set.of("duration", "stallsRotor")),
      Map.entry("catheter-leak", java.util.Set.of("duration", "percent")),
      Map.entry("catheter-disconnection", java.util.Set.of()),
      Map.entry("radio-loss", java.util.Set.of("percent")),
      Map.entry("delivery-bias", java.util.Set.of("ppm")));
  /** A real-time clock crystal drifts tens of ppm; beyond this a clock is broken, not drifting. */
  static final long MAX_RTC_DRIFT_PPM = 1000;

  /** Checks a fault entry when the scenario is loaded: its parameters and their ranges (by mapping it once). */
  static void check(String type, Map<String, String> p, String path) {
    java.util.Set<String> allowed = PARAMETERS.get(type);
    if (allowed == null) {
      throw new InvalidValueException(path + ".type", String.valueOf(type), TYPES, "unknown fault type");
    }
    for (String key : p.keySet()) {
      if (!allowed.contains(key)) {
        throw new InvalidValueException(path + "." + key, p.get(key), allowed.isEmpty() ? "no parameters for " + type : String.join(", ", allowed),
            "not a parameter of " + type);
      }
    }
    if (type.equals("rtc-drift")) {
      long ppm = number(p, "ppm", null, path);
      if (Math.abs(ppm) > MAX_RTC_DRIFT_PPM) {
        throw new InvalidValueException(path + ".ppm", String.valueOf(ppm), "-" + MAX_RTC_DRIFT_PPM + " to " + MAX_RTC_DRIFT_PPM, "not a drift a clock survives");
      }
    }
    try {
      map(type, p, 0, path);
    } catch (InvalidValueException e) {
      throw e;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new InvalidValueException(path, String.valueOf(p), "parameters in range for " + type, String.valueOf(e.getMessage()));
    }
  }

  static Fault map(String type, Map<String, String> p, long atMillis, String path) {
    return switch (type) {
      case "motor-stall" -> new Fault.MotorStall(atMillis, duration(p, "duration", path));
      case "motor-runaway" -> new Fault.MotorRunaway(atMillis, number(p, "rotationsPerHour", "60", path));
      case "memory-bit-flip" -> new Fault.MemoryBitFlip(atMillis, (int) number(p, "address", null, path), (int) number(p, "bit", "0", path));
      case "memory-corruption" -> new Fault.MemoryCorruption(atMillis, (int) number(p, "address", null, path), (int) number(p, "length", null, path));
      case "memory-write-failure" -> new Fault.MemoryWriteFailure(atMillis, duration(p, "duration", path));
      case "rtc-drift" -> new Fault.RtcDrift(atMillis, number(p, "ppm", null, path));
      case "firmware-hang" -> new Fault.FirmwareHang(atMillis);
      case "brown-out" -> new Fault.BrownOutReset(atMillis);
      case "battery-capacity-loss" -> new Fault.BatteryCapacityLoss(atMillis, number(p, "percent", null, path) * PPM_PER_PERCENT);
      case "feedthrough-short" -> new Fault.FeedthroughShort(atMillis, number(p, "extraNanoampHoursPerHour", null, path));
      case "pocket-fill" -> new Fault.PocketFill(atMillis, number(p, "percent", "100", path) * PPM_PER_PERCENT);
      case "catheter-occlusion" -> new Fault.CatheterOcclusion(atMillis, duration(p, "duration", path),
          Boolean.parseBoolean(p.getOrDefault("stallsRotor", "true")));
      case "catheter-kink" -> new Fault.CatheterOcclusion(atMillis, duration(p, "duration", path),
          Boolean.parseBoolean(p.getOrDefault("stallsRotor", "false")));
      case "catheter-leak" -> new Fault.CatheterLeak(atMillis, duration(p, "duration", path), number(p, "percent", null, path) * PPM_PER_PERCENT);
      case "catheter-disconnection" -> new Fault.CatheterDisconnection(atMillis);
      case "radio-loss" -> new Fault.RadioLoss(atMillis, number(p, "percent", null, path) * PPM_PER_PERCENT);
      case "delivery-bias" -> new Fault.DeliveryBiasChange(atMillis, number(p, "ppm", null, path));
      default -> throw new InvalidValueException(path + ".type", type, TYPES, "unknown fault type");
    };
  }

  private static long duration(Map<String, String> p, String key, String path) {
    String v = p.get(key);
    if (v == null) {
      throw new InvalidValueException(path + "." + key, "(missing)", "a duration such as 2h, or 'permanent'", "required parameter missing");
    }
    return "permanent".equals(v) ? Fault.PERMANENT : SimDurations.parse(v, path + "." + key).toMillis();
  }

  private static long number(Map<String, String> p, String key, String fallback, String path) {
    String v = p.getOrDefault(key, fallback);
    if (v == null) {
      throw new InvalidValueException(path + "." + key, "(missing)", "a whole number", "required parameter missing");
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidValueException(path + "." + key, v, "a whole number", "not a whole number");
    }
  }
}
