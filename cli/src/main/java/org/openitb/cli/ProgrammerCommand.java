// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.PrintWriter;
import java.time.Duration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openitb.link.Role;
import org.openitb.link.message.LogEvent;
import org.openitb.link.message.StatusReport;
import org.openitb.link.message.Therapy;
import org.openitb.link.transport.TcpTransport;
import org.openitb.programmer.ClinicalRole;
import org.openitb.programmer.Confirmation;
import org.openitb.programmer.DoseChangeWorkflow;
import org.openitb.programmer.EndOfSessionCheck;
import org.openitb.programmer.Interrogation;
import org.openitb.programmer.Operator;
import org.openitb.programmer.Outcome;
import org.openitb.programmer.PatientContext;
import org.openitb.programmer.PostMriCheck;
import org.openitb.programmer.Preview;
import org.openitb.programmer.PumpSession;
import org.openitb.programmer.RefillWorkflow;
import org.openitb.programmer.SessionRecords;
import org.openitb.programmer.TherapyView;
import org.openitb.simulator.VirtualPumpCredentials;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.BasalProgram;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itb programmer}: the clinician programmer against a virtual pump served by {@code itb pump serve}. */
@Command(name = "programmer", mixinStandardHelpOptions = true,
    description = "The clinician programmer: interrogate, program, refill, bolus, events and post-MRI check over the authenticated link.",
    subcommands = {ProgrammerCommand.Interrogate.class, ProgrammerCommand.Events.class, ProgrammerCommand.Program.class,
        ProgrammerCommand.Refill.class, ProgrammerCommand.Bolus.class, ProgrammerCommand.PostMri.class})
final class ProgrammerCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Who is programming, which patient, and where the pump is. */
  static final class Clinic {
    @Mixin PtmCommand.PumpConnection pump;

    @Option(names = "--operator", defaultValue = "clinician", description = "Who is programming (recorded by the pump and in the session record; default ${DEFAULT-VALUE}).")
    String operator;

    @Option(names = "--operator-role", defaultValue = "physician", description = "physician, nurse or pharmacist (default ${DEFAULT-VALUE}).")
    String operatorRole;

    @Option(names = "--etiology", defaultValue = "spinal", description = "The patient's etiology: spinal, cerebral or paediatric (default ${DEFAULT-VALUE}).")
    String etiology;

    @Option(names = "--catheter-length-cm", defaultValue = "50", description = "Implanted catheter length, cm (default ${DEFAULT-VALUE}).")
    int catheterLengthCm;

    @Option(names = "--pump-model", defaultValue = "ITB-20", description = "ITB-20 or ITB-40 (default ${DEFAULT-VALUE}).")
    String pumpModel;

    @Option(names = "--record", description = "Write the session record (JSON, as the clinic stores it) to this file.")
    java.nio.file.Path record;

    private TcpTransport transport;

    /** Closes the TCP connection (a session's close ends the session, not the socket). */
    void closeTransport() {
      if (transport != null) {
        transport.close();
        transport = null;
      }
    }

    PumpSession open() {
      VirtualPumpCredentials c = pump.read();
      DrugLibrary lib = DrugLibrary.standard();
      PatientContext patient = new PatientContext(PumpModels.byName(pumpModel), CatheterModel.GENERIC, catheterLengthCm,
          CliEnums.etiology(etiology, "--etiology"), Optional.empty());
      return PumpSession.builder().operator(new Operator(operator, role(operatorRole, "--operator-role"))).patient(patient).library(lib)
          .programmerId(VirtualPumpCredentials.CLINICIAN_ID)
          // the demo's second clinician credential (CP-0002 in the credentials file) co-signs when --confirmed-by names the
          // second person: the pump checks the co-signature itself (link/PROTOCOL.md 8.10)
          .coSigningCredential(c.secondClinician())
          .open(c.endpoint(Role.CLINICIAN, lib), connect(c));
    }

    private TcpTransport connect(VirtualPumpCredentials c) {
      transport = TcpTransport.connect(c.port());
      return transport;
    }

    void finish(PumpSession s) {
      if (record != null) {
        try {
          java.nio.file.Files.writeString(record, SessionRecords.toJson(s.record()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot write the session record to " + record + ": " + e.getMessage(), e);
        }
      }
    }

    static ClinicalRole role(String text, String option) {
      try {
        return ClinicalRole.valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException(option, text, "physician, nurse, pharmacist", "unknown role");
      }
    }
  }

  /** A second, different person who checked the change (required above the safety chain's thresholds). */
  static final class SecondPerson {
    @Option(names = "--confirmed-by", description = "A second clinician who checked this change (required for concentration changes and steps beyond the guardrails).")
    String by;

    @Option(names = "--confirmed-by-role", defaultValue = "nurse", description = "Their role (default ${DEFAULT-VALUE}).")
    String role;

    Optional<Confirmation> confirmation() {
      return by == null ? Optional.empty() : Optional.of(new Confirmation(by, Clinic.role(role, "--confirmed-by-role")));
    }
  }

  static Map<String, Object> status(Interrogation i) {
    StatusReport s = i.status();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pumpLocalTime", Formats.minute(i.pumpLocalTime()));
    m.put("delivery", s.delivery().name());
    m.put("currentRate", s.currentRate().toString());
    m.put("reservoirMl", Formats.ml(s.reservoir()));
    m.put("batteryPercent", s.batteryPercent());
    m.put("interrogationRequired", s.interrogationRequired());
    m.put("alarms", s.activeAlarms().stream().map(WireNames::alarm).toList());
    m.put("therapy", i.therapy().map(TherapyView::of).orElse(null));
    m.put("newEvents", i.newEvents().size());
    m.put("lastEvent", s.lastEventSequence());
    i.resolved().ifPresent(r -> m.put("resolvedEarlierChange", r.toString()));
    return m;
  }

  static void printStatus(PrintWriter out, Interrogation i) {
    StatusReport s = i.status();
    out.printf("Pump time %s: %s at %s; reservoir %s; battery %d %%%n", Formats.minute(i.pumpLocalTime()), s.delivery(), s.currentRate(),
        s.reservoir(), s.batteryPercent());
    out.printf("Alarms: %s%s%n", s.activeAlarms().isEmpty() ? "none" : s.activeAlarms().stream().map(WireNames::alarm).toList(),
        s.interrogationRequired() ? "; interrogation required (post-MRI check pending)" : "");
    i.therapy().map(TherapyView::of).ifPresent(t -> out.printf("Therapy: %s %s, %s (daily total %s), low-reservoir alarm %s%s%n", t.drug(), t.concentration(),
        t.basal(), t.dailyTotal(), t.lowReservoirAlarm(), t.patientBolus() == null ? "" : ", patient bolus " + t.patientBolus()));
    out.printf("New events since the last session: %d (last #%d)%n", i.newEvents().size(), s.lastEventSequence());
  }

  static void printOutcomes(PrintWriter out, List<Outcome> steps) {
    for (Outcome o : steps) {
      switch (o) {
        case Outcome.Confirmed c -> out.printf("  confirmed  %s: %s (pump event #%d)%n", c.action(), c.detail(), c.eventSequence());
        case Outcome.Refused r -> {
          out.printf("  REFUSED    %s%s: %s%n", r.action(), r.sent() ? " by the pump" : " before sending", r.reason());
          r.checks().forEach(c -> out.printf("             %s%n", c));
        }
        case Outcome.Uncertain u -> out.printf("  UNCERTAIN  %s: %s - interrogate to find out what the pump runs%n", u.action(), u.what());
      }
    }
  }

  static int exitFor(boolean completed) {
    return completed ? 0 : 3;
  }

  /** {@code itb programmer interrogate}. */
  @Command(name = "interrogate", mixinStandardHelpOptions = true, description = "Reads status, therapy, alarms and new events.")
  static final class Interrogate implements java.util.concurrent.Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Clinic clinic;

    @Override
    @SuppressWarnings("try") // the resource closes the socket after the session; the body never names it
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (PtmCommand.Closer link = clinic::closeTransport; PumpSession s = clinic.open()) {
        Interrogation i = s.interrogate();
        clinic.finish(s);
        if (clinic.pump.json) {
          Output.json(out, status(i));
        } else {
          printStatus(out, i);
        }
      }
      out.flush();
      return 0;
    }
  }

  /** {@code itb programmer events}. */
  @Command(name = "events", mixinStandardHelpOptions = true, description = "Lists the pump's event log after event number --since.")
  static final class Events implements java.util.concurrent.Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Clinic clinic;

    @Option(names = "--since", defaultValue = "0", description = "Show events after this number (default ${DEFAULT-VALUE}: all the pump still holds).")
    long since;

    @Option(names = "--all", description = "Include telemetry frame entries (hidden by default).")
    boolean all;

    @Override
    @SuppressWarnings("try") // the resource closes the socket after the session; the body never names it
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<LogEvent> events;
      try (PtmCommand.Closer link = clinic::closeTransport; PumpSession s = clinic.open()) {
        events = s.eventsSince(since);
      }
      List<LogEvent> shown = events.stream().filter(e -> all || e.code() < 26).toList();
      if (clinic.pump.json) {
        Output.json(out, Map.of("events", shown.stream().map(e -> Map.of("n", e.sequence(), "timeMillis", e.timeMillis(),
            "event", WireNames.event(e.code()), "value", e.value(), "source", e.source())).toList()));
      } else {
        for (LogEvent e : shown) {
          out.printf("#%-6d %-24s value %-12d %s%n", e.sequence(), WireNames.event(e.code()), e.value(), e.source());
        }
      }
      out.flush();
      return 0;
    }
  }

  /** The new basal program, as a simple dose or a flex schedule. */
  static final class NewBasal {
    @Option(names = "--dose", required = true, description = "New simple continuous daily dose, mcg/day.")
    String dose;

    @Option(names = "--flex", required = true, description = "New flex schedule, each step's dose in mcg/day: \"06:00=400,22:00=300\".")
    String flex;

    BasalProgram parse() {
      return flex != null ? FlexSchedule.parse(flex, "--flex", "mcg/day") : new SimpleContinuous(DoseRate.parse(dose, "--dose", "mcg/day"));
    }
  }

  /** {@code itb programmer program}. */
  @Command(name = "program", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Changes the dose: the safety chain checks it, the pump previews old beside new, and the change is",
          "committed by the preview's checksum and read back. The old therapy runs until the commit."})
  static final class Program implements java.util.concurrent.Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Clinic clinic;
    @ArgGroup(exclusive = true, multiplicity = "1") NewBasal basal;
    @Mixin SecondPerson second;

    @Option(names = "--alarm-ml", description = "Low-reservoir alarm volume, mL (default: keep the current one).")
    String alarm;

    @Override
    @SuppressWarnings("try") // the resource closes the socket after the session; the body never names it
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      DoseChangeWorkflow.Result r;
      try (PtmCommand.Closer link = clinic::closeTransport; PumpSession s = clinic.open()) {
        Interrogation i = s.interrogate();
        Therapy current = i.therapy().orElseThrow(() -> new InvalidValueException("pump", "not programmed", "a programmed pump",
            "the pump has no therapy: fill and program it with the implant workflow first"));
        Prescription old = current.prescription();
        Prescription rx = new Prescription(old.drug(), old.concentration(), basal.parse(), old.scheduledBoluses(), old.patientBolus());
        Volume alarmVolume = alarm == null ? current.lowReservoirAlarm() : Volume.parse(alarm, "--alarm-ml", "mL");
        r = DoseChangeWorkflow.run(s, new DoseChangeWorkflow.Request(new Therapy(rx, alarmVolume), second.confirmation()));
        end(s, out);
      }
      if (clinic.pump.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("completed", r.completed());
        m.put("preview", r.preview().map(Preview::sideBySide).orElse(null));
        m.put("steps", r.steps().stream().map(Object::toString).toList());
        Output.json(out, m);
        return exitFor(r.completed());
      }
      r.preview().ifPresent(p -> printPreview(out, p));
      printOutcomes(out, r.steps());
      out.println(r.completed() ? "Dose change committed and read back." : "Dose change NOT applied: the pump runs its previous therapy.");
      out.flush();
      return exitFor(r.completed());
    }

    private void end(PumpSession s, PrintWriter out) {
      EndOfSessionCheck.Result end = EndOfSessionCheck.run(s, Optional.empty());
      if (end instanceof EndOfSessionCheck.MustNotEnd m) {
        out.println("WARNING: " + m.reason());
      }
      clinic.finish(s);
    }
  }

  static void printPreview(PrintWriter out, Preview p) {
    out.println("Preview (old | new):");
    for (List<String> row : p.sideBySide()) {
      out.printf("  %-24s %-36s %s%n", row.get(0), row.size() > 1 ? row.get(1) : "", row.size() > 2 ? row.get(2) : "");
    }
    p.safety().checks().forEach(c -> out.printf("  check %s%n", c));
  }

  /** {@code itb programmer refill}. */
  @Command(name = "refill", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"The refill workflow: reconcile the withdrawn volume with what the pump expected, refill (optionally at a",
          "new concentration, with the bridge bolus the change needs), reprogram, and compute the new alarm and refill-by dates."})
  static final class Refill implements java.util.concurrent.Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Clinic clinic;
    @Mixin SecondPerson second;

    @Option(names = "--withdrawn-ml", required = true, description = "Volume withdrawn from the reservoir, mL.")
    String withdrawn;

    @Option(names = "--volume-ml", required = true, description = "Volume put in, mL.")
    String volume;

    @Option(names = "--concentration", description = "New concentration, mcg/mL (default: unchanged).")
    String concentration;

    @Option(names = "--dose", description = "New daily dose, mcg/day (default: unchanged).")
    String dose;

    @Option(names = "--buffer-days", defaultValue = "7", description = "Days before the conservative alarm date to book the next refill (default ${DEFAULT-VALUE}).")
    int bufferDays;

    @Override
    @SuppressWarnings("try") // the resource closes the socket after the session; the body never names it
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      RefillWorkflow.Result r;
      try (PtmCommand.Closer link = clinic::closeTransport; PumpSession s = clinic.open()) {
        Interrogation i = s.interrogate();
        Therapy current = i.therapy().orElseThrow(() -> new InvalidValueException("pump", "not programmed", "a programmed pump",
            "the pump has no therapy: use the implant workflow"));
        Prescription old = current.prescription();
        Concentration c = concentration == null ? old.concentration() : Concentration.parse(concentration, "--concentration", "mcg/mL");
        BasalProgram basal = dose == null ? old.basal() : new SimpleContinuous(DoseRate.parse(dose, "--dose", "mcg/day"));
        Prescription rx = new Prescription(old.drug(), c, basal, old.scheduledBoluses(), old.patientBolus());
        r = RefillWorkflow.run(s, new RefillWorkflow.Request(Volume.parse(withdrawn, "--withdrawn-ml", "mL"), old.drug(), c,
            Volume.parse(volume, "--volume-ml", "mL"), rx, current.lowReservoirAlarm(), bufferDays, second.confirmation()));
        clinic.finish(s);
      }
      if (clinic.pump.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("completed", r.completed());
        m.put("summary", r.summary());
        m.put("discrepancyMl", Formats.ml(r.reconciliation().discrepancy()));
        m.put("discrepancyFlagged", r.reconciliation().flagged());
        r.bridge().ifPresent(b -> m.put("bridgeBolusMl", Formats.ml(b.bridgeVolume())));
        r.plan().ifPresent(p -> {
          m.put("alarmAt", Formats.minute(p.forecast().alarmAt()));
          m.put("conservativeAlarmAt", Formats.minute(p.forecast().conservativeAlarmAt()));
          m.put("refillBy", Formats.minute(p.refillBy()));
        });
        m.put("steps", r.steps().stream().map(Object::toString).toList());
        Output.json(out, m);
      } else {
        out.printf("Reconciliation: expected %s, withdrawn %s, discrepancy %s (limit %s)%s%n", r.reconciliation().expected(),
            r.reconciliation().withdrawn(), r.reconciliation().discrepancy(), r.reconciliation().limit(),
            r.reconciliation().flagged() ? " FLAGGED - " + r.reconciliation().interpretation() : "");
        r.safety().checks().forEach(c -> out.printf("  check %s%n", c));
        printOutcomes(out, r.steps());
        r.bridge().ifPresent(b -> out.printf("Bridge bolus: %s at the old rate for %s%n", b.deadVolume(), b.bridgeDuration()));
        r.plan().ifPresent(p -> out.printf("Low-reservoir alarm %s; conservative %s; refill by %s%n", Formats.minuteOrNever(p.forecast().alarmAt(), "-"),
            Formats.minuteOrNever(p.forecast().conservativeAlarmAt(), "-"), Formats.minute(p.refillBy())));
        out.println(r.completed() ? "Refill complete: " + r.summary() : "Refill NOT complete: " + r.summary());
      }
      out.flush();
      return exitFor(r.completed());
    }
  }

  /** {@code itb programmer bolus}. */
  @Command(name = "bolus", mixinStandardHelpOptions = true, description = "A clinician bolus on top of the basal program, confirmed from the pump's own log.")
  static final class Bolus implements java.util.concurrent.Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Clinic clinic;
    @Mixin SecondPerson second;

    @Option(names = "--dose-mcg", required = true, description = "Bolus dose, mcg.")
    String dose;

    @Option(names = "--duration-min", defaultValue = "30", description = "Over how many minutes (default ${DEFAULT-VALUE}, 1-1440).")
    int minutes;

    @Override
    @SuppressWarnings("try") // the resource closes the socket after the session; the body never names it
    public Integer call() {
      if (minutes < 1 || minutes > 1440) {
        throw new InvalidValueException("--duration-min", String.valueOf(minutes), "1-1440", "out of range");
      }
      PrintWriter out = spec.commandLine().getOut();
      Outcome o;
      try (PtmCommand.Closer link = clinic::closeTransport; PumpSession s = clinic.open()) {
        s.interrogate();
        o = s.clinicianBolus(Mass.parse(dose, "--dose-mcg", "mcg"), Duration.ofMinutes(minutes), second.confirmation());
        clinic.finish(s);
      }
      if (clinic.pump.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("confirmed", o instanceof Outcome.Confirmed);
        m.put("step", o.toString());
        Output.json(out, m);
        return exitFor(o instanceof Outcome.Confirmed);
      }
      printOutcomes(out, List.of(o));
      out.flush();
      return exitFor(o instanceof Outcome.Confirmed);
    }
  }

  /** {@code itb programmer post-mri}. */
  @Command(name = "post-mri", mixinStandardHelpOptions = true,
      description = "The post-MRI check: finds the stall and its recovery in the log, confirms delivery resumed, clears the interrogation flag.")
  static final class PostMri implements java.util.concurrent.Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Clinic clinic;

    @Override
    @SuppressWarnings("try") // the resource closes the socket after the session; the body never names it
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PostMriCheck.Result r;
      try (PtmCommand.Closer link = clinic::closeTransport; PumpSession s = clinic.open()) {
        r = PostMriCheck.run(s);
        clinic.finish(s);
      }
      if (clinic.pump.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", r.passed());
        m.put("stalls", r.stalls().size());
        m.put("recoveries", r.recoveries().size());
        m.put("deliveryConfirmed", r.deliveryConfirmed());
        m.put("flagWasSet", r.flagWasSet());
        m.put("flagCleared", r.flagCleared());
        m.put("findings", r.findings());
        Output.json(out, m);
        return exitFor(r.passed());
      }
      out.printf("Post-MRI check %s: %d stall(s), %d recovery(ies), delivery %s, flag %s%n", r.passed() ? "PASSED" : "FAILED",
          r.stalls().size(), r.recoveries().size(), r.deliveryConfirmed() ? "confirmed" : "NOT confirmed",
          r.flagWasSet() ? (r.flagCleared() ? "cleared" : "STILL SET") : "was not set");
      r.findings().forEach(f -> out.println("  " + f));
      out.flush();
      return exitFor(r.passed());
    }
  }

}
