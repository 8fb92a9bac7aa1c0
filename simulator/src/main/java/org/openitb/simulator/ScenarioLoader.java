// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.openitb.physiology.AgeGroup;
import org.openitb.physiology.PatientParameters;
import org.openitb.physiology.Population;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.BasalProgram;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * Reads a scenario YAML file into a {@link Scenario}, strictly: a duplicate key is refused, the
 * whole document is checked against the published JSON Schema ({@link ScenarioSchema},
 * schemas/scenario.schema.json) before anything else, and then every value is checked against the
 * pump model and drug library. Every refusal is an {@link InvalidValueException} naming the path
 * of the key in the file (e.g. {@code events[3].refill.volume}), the value and what is allowed.
 * Quantities must carry their unit ("20 mL", "500 mcg/mL", "300 mcg/day").
 *
 * <p>Adding a section: declare it in schemas/scenario.schema.json ({@code properties} and a
 * {@code $defs} entry), read it in {@link #parse} with a method of its own like {@link #catheter}
 * or {@link #expectations}, and carry it on {@link Scenario}.
 */
public final class ScenarioLoader {
  private static final ObjectMapper YAML = new ObjectMapper(
      YAMLFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  private static final long MILLITESLA_PER_TESLA = 1000;
  /** Longest span a scenario may ask for (several pump lives with replacements). */
  static final Duration MAX_SPAN = Duration.ofDays(50 * SimDurations.DAYS_PER_YEAR);
  /** Most events a file may expand to with its repeats. */
  static final int MAX_EVENTS = 100_000;
  /** Strongest static field accepted in a scenario (clinical scanners go to 7 T). */
  static final long MAX_FIELD_MILLITESLA = 10_000;
  private final DrugLibrary library;

  public ScenarioLoader(DrugLibrary library) {
    this.library = library;
  }

  public Scenario load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + file + ": " + e.getMessage(), e);
    }
  }

  public Scenario parse(String yaml) {
    JsonNode root = readYaml(yaml);
    ScenarioSchema.validate(root);
    String name = root.path("name").asText("scenario");
    long seed = seed(root.path("seed"));
    LocalDateTime start = dateTime(root.get("start"), "start");
    JsonNode pump = root.get("pump");
    PumpModel model = PumpModels.byName(pump.get("model").asText());
    String serial = pump.path("serial").asText("SIM-0001");
    CatheterModel catheter = catheter(root.path("catheter"));
    int lengthCm = root.path("catheter").path("lengthCm").asInt(50);
    Etiology etiology = etiology(root.path("patient").path("etiology").asText("spinal"), "patient.etiology");
    JsonNode fill = root.get("fill");
    Drug drug = drug(fill.path("drug").asText("baclofen"), "fill.drug");
    Concentration concentration = Concentration.parse(fill.get("concentration").asText(), "fill.concentration", null);
    Volume fillVolume = fillVolume(Volume.parse(fill.get("volume").asText(), "fill.volume", null), model, "fill.volume");
    JsonNode rx = root.get("prescription");
    Prescription prescription = prescription(rx, "prescription", drug, concentration);
    Volume alarm = rx.has("lowReservoirAlarm")
        ? Volume.parse(rx.get("lowReservoirAlarm").asText(), "prescription.lowReservoirAlarm", null)
        : model.defaultLowReservoirAlarm();
    if (!model.isSettableLowReservoirAlarm(alarm)) {
      throw new InvalidValueException("prescription.lowReservoirAlarm", alarm.toString(),
          model.minLowReservoirAlarm() + " to " + model.maxLowReservoirAlarm() + " (" + model.name() + ")", "not settable on this pump");
    }
    Optional<Duration> until = root.has("until") ? Optional.of(span(root.get("until").asText(), "until")) : Optional.empty();
    List<ScenarioEvent> events = new ArrayList<>();
    JsonNode list = root.path("events");
    for (int i = 0; i < list.size(); i++) {
      events.addAll(event(list.get(i), "events[" + i + "]", drug, concentration, start, model));
      if (events.size() > MAX_EVENTS) {
        throw new InvalidValueException("events[" + i + "]", events.size() + " events", "at most " + MAX_EVENTS + " after repeats", "too many events");
      }
    }
    Optional<PatientSpec> patient = patient(root.path("patient"), etiology);
    return new Scenario(name, seed, start, model, serial, catheter, lengthCm, etiology, fillVolume, prescription, alarm, events, until,
        patient, expectations(root.path("expect")));
  }

  /**
   * The virtual patient of {@code patient:} when it names a {@code model} ({@code typical}, or
   * {@code {cohortSeed: S, id: N}} for a population draw); {@code origin} and {@code age} default
   * from the etiology, {@code start} is {@code adapted} (default) or {@code naive}, {@code
   * adaptedTo} a daily dose, {@code yearsOnTherapy} a number of years (1).
   */
  private static Optional<PatientSpec> patient(JsonNode node, Etiology etiology) {
    if (!node.has("model")) {
      return Optional.empty();
    }
    org.openitb.physiology.Etiology origin = node.has("origin")
        ? origin(node.get("origin").asText(), "patient.origin")
        : etiology == Etiology.SPINAL ? org.openitb.physiology.Etiology.SPINAL : org.openitb.physiology.Etiology.CEREBRAL;
    AgeGroup age;
    if (node.has("age")) {
      try {
        age = AgeGroup.valueOf(node.get("age").asText().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException("patient.age", node.get("age").asText(), "child, adult", "unknown age group");
      }
    } else {
      age = etiology == Etiology.PAEDIATRIC ? AgeGroup.CHILD : AgeGroup.ADULT;
    }
    Population population = Population.of(origin, age);
    JsonNode model = node.get("model");
    PatientParameters parameters;
    if (model.isTextual() && "typical".equals(model.asText())) {
      parameters = population.typical();
    } else if (model.isObject() && model.has("cohortSeed") && model.has("id")) {
      parameters = population.sample(wholeNumber(model.get("cohortSeed"), "patient.model.cohortSeed"),
          wholeNumber(model.get("id"), "patient.model.id"));
    } else {
      throw new InvalidValueException("patient.model", model.toString(), "typical, or {cohortSeed: 7, id: 12}", "unknown patient model");
    }
    String start = node.path("start").asText("adapted");
    if (!start.equals("adapted") && !start.equals("naive")) {
      throw new InvalidValueException("patient.start", start, "adapted, naive", "unknown patient start");
    }
    OptionalDouble adaptedTo = node.has("adaptedTo")
        ? OptionalDouble.of(DoseRate.parse(node.get("adaptedTo").asText(), "patient.adaptedTo", null).nanogramsPerDay() / 1000.0)
        : OptionalDouble.empty();
    double years = 1;
    if (node.has("yearsOnTherapy")) {
      years = node.get("yearsOnTherapy").asDouble(-1);
      if (!node.get("yearsOnTherapy").isNumber() || years < 0 || years > 60) {
        throw new InvalidValueException("patient.yearsOnTherapy", node.get("yearsOnTherapy").asText(), "0..60", "not a number of years");
      }
    }
    return Optional.of(new PatientSpec(parameters, start.equals("naive"), adaptedTo, years));
  }

  private static org.openitb.physiology.Etiology origin(String text, String field) {
    try {
      return org.openitb.physiology.Etiology.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(field, text, "cerebral, spinal, multiple-sclerosis", "unknown origin of spasticity");
    }
  }

  private static long wholeNumber(JsonNode v, String field) {
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new InvalidValueException(field, v.asText(), "a whole number", "not a whole number");
    }
    return v.asLong();
  }

  private static JsonNode readYaml(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      if (m.startsWith("Duplicate field")) {
        String key = m.replaceAll("(?s)^Duplicate field '([^']*)'.*$", "$1");
        throw new InvalidValueException(key, key, "each key once per mapping", "duplicate key " + location(e));
      }
      throw new InvalidValueException("scenario", "(file)", "valid YAML", "not valid YAML: " + m.lines().findFirst().orElse(m) + " " + location(e));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidValueException("scenario", "(file)", "a YAML mapping with name, start, pump, fill, prescription", "empty or not a mapping");
    }
    return root;
  }

  private static String location(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
        ? "at line " + j.getLocation().getLineNr() : "";
  }

  private static long seed(JsonNode node) {
    if (node.isMissingNode()) {
      return 1;
    }
    if (!node.canConvertToLong()) {
      throw new InvalidValueException("seed", node.asText(), Long.MIN_VALUE + " to " + Long.MAX_VALUE, "seed out of range");
    }
    return node.asLong();
  }

  private static CatheterModel catheter(JsonNode cath) {
    CatheterModel catheter = CatheterModel.GENERIC;
    if (cath.has("ulPerCm")) {
      Volume perCm = Volume.parse(cath.get("ulPerCm").decimalValue().toPlainString() + " uL", "catheter.ulPerCm", null);
      catheter = new CatheterModel("scenario catheter", perCm, CatheterModel.GENERIC.minLengthCm(), CatheterModel.GENERIC.maxLengthCm());
    }
    int lengthCm = cath.path("lengthCm").asInt(50);
    if (lengthCm < catheter.minLengthCm() || lengthCm > catheter.maxLengthCm()) {
      throw new InvalidValueException("catheter.lengthCm", String.valueOf(lengthCm),
          catheter.minLengthCm() + " to " + catheter.maxLengthCm() + " cm", "catheter length out of range");
    }
    return catheter;
  }

  /** What the scenario expects to happen (so that it does not fail the run). */
  private static Scenario.Expectations expectations(JsonNode expect) {
    return new Scenario.Expectations(expect.path("pumpNotDelivering").asBoolean(false), expect.path("mriBeyondLabel").asBoolean(false));
  }

  private Drug drug(String name, String field) {
    try {
      return library.drug(name);
    } catch (InvalidValueException e) {
      throw new InvalidValueException(field, name, e.allowed(), "not in the drug library");
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(field, name, "a drug of the library (baclofen)", "not in the drug library");
    }
  }

  private static Volume fillVolume(Volume v, PumpModel model, String field) {
    if (v.compareTo(model.reservoir()) > 0) {
      throw new InvalidValueException(field, v.toString(), "0 mL to " + model.reservoir() + " (" + model.name() + " reservoir)",
          "more than the reservoir holds");
    }
    return v;
  }

  static Duration span(String text, String field) {
    Duration d = SimDurations.parse(text, field);
    if (d.isZero() || d.compareTo(MAX_SPAN) > 0) {
      throw new InvalidValueException(field, text, "1s to " + MAX_SPAN.toDays() / SimDurations.DAYS_PER_YEAR + "y", "span out of range");
    }
    return d;
  }

  private List<ScenarioEvent> event(JsonNode node, String path, Drug drug, Concentration concentration, LocalDateTime start, PumpModel model) {
    LocalDateTime at = dateTime(node.get("at"), path + ".at");
    if (at.isBefore(start)) {
      throw new InvalidValueException(path + ".at", at.toString(), "at or after start " + start, "event before the scenario starts");
    }
    List<LocalDateTime> times = new ArrayList<>(List.of(at));
    if (node.has("repeat")) {
      JsonNode r = node.get("repeat");
      Duration every = SimDurations.parse(r.get("every").asText(), path + ".repeat.every");
      if (every.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new InvalidValueException(path + ".repeat.every", r.get("every").asText(), ">= 1m", "repeat interval too short");
      }
      LocalDateTime last = dateTime(r.get("until"), path + ".repeat.until");
      if (last.isBefore(at)) {
        throw new InvalidValueException(path + ".repeat.until", last.toString(), "at or after " + at, "repeat ends before it starts");
      }
      for (LocalDateTime t = at.plus(every); !t.isAfter(last); t = t.plus(every)) {
        times.add(t);
        if (times.size() > MAX_EVENTS) {
          throw new InvalidValueException(path + ".repeat", "every " + r.get("every").asText(), "at most " + MAX_EVENTS + " repetitions", "too many repetitions");
        }
      }
    }
    List<ScenarioEvent> out = new ArrayList<>();
    for (LocalDateTime t : times) {
      out.add(single(node, path, t, drug, concentration, model));
    }
    return out;
  }

  /** One event; the schema has made sure the entry holds {@code at}, exactly one event and perhaps {@code repeat}. */
  private ScenarioEvent single(JsonNode node, String path, LocalDateTime at, Drug drug, Concentration concentration, PumpModel model) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      JsonNode v = node.get(key);
      String p = path + "." + key;
      switch (key) {
        case "at", "repeat" -> { }
        case "refill" -> {
          Optional<Concentration> c = v.has("concentration")
              ? Optional.of(Concentration.parse(v.get("concentration").asText(), p + ".concentration", null)) : Optional.empty();
          Optional<Volume> withdrawn = v.has("withdrawn")
              ? Optional.of(fillVolume(Volume.parse(v.get("withdrawn").asText(), p + ".withdrawn", null), model, p + ".withdrawn"))
              : Optional.empty();
          Optional<Prescription> rx = v.has("prescription")
              ? Optional.of(prescription(v.get("prescription"), p + ".prescription", drug, c.orElse(concentration))) : Optional.empty();
          return new ScenarioEvent.Refill(at, fillVolume(Volume.parse(v.get("volume").asText(), p + ".volume", null), model, p + ".volume"), c,
              v.path("bridgeBolus").asBoolean(true), withdrawn, rx);
        }
        case "prescription" -> {
          Concentration c = v.has("concentration") ? Concentration.parse(v.get("concentration").asText(), p + ".concentration", null) : concentration;
          return new ScenarioEvent.ChangePrescription(at, prescription(v, p, drug, c));
        }
        case "patientBolus" -> {
          return new ScenarioEvent.PatientBolusRequest(at);
        }
        case "mri" -> {
          Optional<Duration> check = v.has("check") ? Optional.of(SimDurations.parse(v.get("check").asText(), p + ".check")) : Optional.empty();
          long field = milliTesla(v.path("field").asText("1.5 T"), p + ".field");
          if (field <= 0 || field > MAX_FIELD_MILLITESLA) {
            throw new InvalidValueException(p + ".field", v.path("field").asText(), "above 0 T and at most " + MAX_FIELD_MILLITESLA / MILLITESLA_PER_TESLA + " T",
                "field strength out of range");
          }
          return new ScenarioEvent.MriScan(at, SimDurations.parse(v.get("duration").asText(), p + ".duration"), field, check);
        }
        case "fault" -> {
          Map<String, String> params = new LinkedHashMap<>();
          v.properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
          String type = params.remove("type");
          FaultMapper.check(type, params, p);
          return new ScenarioEvent.InjectFault(at, type, params);
        }
        case "setClock" -> {
          return new ScenarioEvent.SetClock(at, dateTime(v, p));
        }
        case "interrogate" -> {
          return new ScenarioEvent.Interrogate(at, v.path("clearAlarms").asBoolean(true));
        }
        case "replacePump" -> {
          return new ScenarioEvent.ReplacePump(at, fillVolume(Volume.parse(v.get("fill").asText(), p + ".fill", null), model, p + ".fill"));
        }
        case "assessTone" -> {
          return new ScenarioEvent.AssessTone(at);
        }
        case "screeningBolus" -> {
          return new ScenarioEvent.ScreeningBolus(at, Mass.parse(text(v, "dose", null), p + ".dose", null));
        }
        default -> throw new InvalidValueException(p, key,
            "refill, prescription, patientBolus, mri, fault, setClock, interrogate, replacePump, assessTone, screeningBolus", "unknown event");
      }
    }
    throw new InvalidValueException(path, "(no event)", "one of refill, prescription, patientBolus, mri, fault, setClock, interrogate, replacePump, assessTone, screeningBolus", "event has only a time");
  }

  Prescription prescription(JsonNode rx, String path, Drug drug, Concentration concentration) {
    List<String> basals = new ArrayList<>();
    for (String k : List.of("dose", "flex", "stopped")) {
      if (rx.has(k)) {
        basals.add(k);
      }
    }
    if (basals.size() > 1) {
      throw new InvalidValueException(path, String.join(" and ", basals), "exactly one of dose, flex, stopped", "more than one basal program");
    }
    if (rx.has("stopped") && !rx.get("stopped").asBoolean()) {
      throw new InvalidValueException(path + ".stopped", "false", "stopped: true, or a dose or flex instead", "stopped: false is no basal program");
    }
    BasalProgram basal;
    if (rx.has("flex")) {
      basal = FlexSchedule.parse(rx.get("flex").asText(), path + ".flex", null);
    } else if (rx.has("dose")) {
      DoseRate dose = DoseRate.parse(rx.get("dose").asText(), path + ".dose", null);
      basal = dose.isZero() ? new Stopped() : new SimpleContinuous(dose);
    } else if (rx.path("stopped").asBoolean(false)) {
      basal = new Stopped();
    } else {
      throw new InvalidValueException(path, "(none)", "dose: 300 mcg/day, or flex: \"06:00=400 mcg/day,22:00=300 mcg/day\", or stopped: true", "no basal program");
    }
    List<ScheduledBolus> boluses = new ArrayList<>();
    JsonNode sb = rx.path("scheduledBoluses");
    for (int i = 0; i < sb.size(); i++) {
      String p = path + ".scheduledBoluses[" + i + "]";
      JsonNode b = sb.get(i);
      LocalTime t;
      try {
        t = LocalTime.parse(text(b, "at", null));
      } catch (DateTimeParseException e) {
        throw new InvalidValueException(p + ".at", b.path("at").asText(), "HH:MM", "not a time of day");
      }
      boluses.add(new ScheduledBolus(t, Mass.parse(text(b, "dose", null), p + ".dose", null), SimDurations.parse(text(b, "duration", null), p + ".duration")));
    }
    Optional<PatientBolusAllowance> pb = Optional.empty();
    if (rx.has("patientBolus")) {
      JsonNode b = rx.get("patientBolus");
      String p = path + ".patientBolus";
      pb = Optional.of(new PatientBolusAllowance(Mass.parse(text(b, "dose", null), p + ".dose", null),
          SimDurations.parse(text(b, "duration", null), p + ".duration"),
          SimDurations.parse(text(b, "lockout", null), p + ".lockout"), b.get("maxPerDay").asInt()));
    }
    return new Prescription(drug, concentration, basal, boluses, pb);
  }

  static long milliTesla(String text, String field) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    try {
      if (t.endsWith("mt")) {
        return new BigDecimal(t.substring(0, t.length() - 2)).longValueExact();
      }
      if (t.endsWith("t")) {
        return new BigDecimal(t.substring(0, t.length() - 1)).multiply(BigDecimal.valueOf(MILLITESLA_PER_TESLA)).longValueExact();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // falls through to the refusal below
    }
    throw new InvalidValueException(field, text, "a field strength such as 1.5 T or 1500 mT", "not a field strength");
  }

  private static Etiology etiology(String text, String field) {
    try {
      return Etiology.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(field, text, "spinal, cerebral, paediatric", "unknown etiology");
    }
  }

  private static String text(JsonNode node, String key, String fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw new InvalidValueException(key, "(missing)", "a value", "required field missing");
      }
      return fallback;
    }
    return v.asText();
  }

  private static LocalDateTime dateTime(JsonNode node, String field) {
    try {
      return LocalDateTime.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(field, node.asText(), "an ISO local date-time such as 2026-03-01T09:30", "not a date-time");
    }
  }
}
