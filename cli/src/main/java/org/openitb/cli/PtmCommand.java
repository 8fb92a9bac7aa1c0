// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openitb.link.Role;
import org.openitb.link.message.PatientBolusReply;
import org.openitb.link.message.PatientStatusReport;
import org.openitb.link.session.PatientSession;
import org.openitb.link.transport.TcpTransport;
import org.openitb.simulator.VirtualPumpCredentials;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.InvalidValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itb ptm}: the patient's bolus device against a virtual pump. */
@Command(name = "ptm", mixinStandardHelpOptions = true,
    description = "The patient's bolus device: doses left today, lockout, and bolus requests within the clinician's limits.",
    subcommands = {PtmCommand.Status.class, PtmCommand.Bolus.class})
final class PtmCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every device command shares: where the pump and the device's credentials are. */
  static final class PumpConnection {
    @Option(names = "--credentials", defaultValue = ".itb/virtual-pump.json", description = "Credentials file written by 'itb pump serve' (default ${DEFAULT-VALUE}).")
    Path credentials;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    VirtualPumpCredentials read() {
      if (!Files.isRegularFile(credentials)) {
        throw new InvalidValueException("--credentials", credentials.toString(), "the file 'itb pump serve' wrote",
            "no credentials file: start a pump with './itb pump serve' first");
      }
      return VirtualPumpCredentials.read(credentials);
    }

    private TcpTransport transport;

    PatientSession openPatient() {
      VirtualPumpCredentials c = read();
      transport = TcpTransport.connect(c.port());
      return c.endpoint(Role.PATIENT, DrugLibrary.standard()).openPatientSession(transport);
    }

    /** Closes the TCP connection (a session's close ends the session, not the socket). */
    void closeTransport() {
      if (transport != null) {
        transport.close();
        transport = null;
      }
    }
  }

  /** A resource whose close throws nothing: lets try-with-resources close the socket after the session. */
  @FunctionalInterface
  interface Closer extends AutoCloseable {
    @Override
    void close();
  }

  static Map<String, Object> status(PatientStatusReport s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bolusPrescribed", s.bolusPrescribed());
    m.put("bolusDoseMcg", new java.math.BigDecimal(s.bolusDose().micrograms()));
    m.put("dosesLeftToday", s.dosesLeftToday());
    m.put("lockoutRemainingMinutes", (s.lockoutRemainingSeconds() + 59) / 60);
    m.put("bolusActive", s.bolusActive());
    m.put("alarmActive", s.alarmActive());
    m.put("reservoirLow", s.reservoirLow());
    return m;
  }

  /** {@code itb ptm status}. */
  @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the bolus dose, doses left today and the lockout remaining.")
  static final class Status implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin PumpConnection pump;

    @Override
    @SuppressWarnings("try") // the resource closes the socket after the session; the body never names it
    public void run() {
      PatientStatusReport s;
      try (Closer link = pump::closeTransport; PatientSession session = pump.openPatient()) {
        s = session.status();
      }
      PrintWriter out = spec.commandLine().getOut();
      if (pump.json) {
        Output.json(out, status(s));
        return;
      }
      if (!s.bolusPrescribed()) {
        out.println("No patient bolus is prescribed on this pump.");
      } else {
        out.printf("Bolus dose %s; %d left today; %s%n", s.bolusDose(), s.dosesLeftToday(),
            s.lockoutRemainingSeconds() == 0 ? "available now" : "next possible in " + (s.lockoutRemainingSeconds() + 59) / 60 + " min");
      }
      if (s.alarmActive()) {
        out.println("The pump is sounding an alarm: call your ITB clinic.");
      }
      out.flush();
    }
  }

  /** {@code itb ptm bolus}. */
  @Command(name = "bolus", mixinStandardHelpOptions = true,
      description = "Requests one bolus of the prescribed dose. The pump grants it only within the clinician's limits and says why not.")
  static final class Bolus implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin PumpConnection pump;

    @Override
    @SuppressWarnings("try") // the resource closes the socket after the session; the body never names it
    public void run() {
      PatientBolusReply reply;
      try (Closer link = pump::closeTransport; PatientSession session = pump.openPatient()) {
        PatientStatusReport s = session.status();
        if (!s.bolusPrescribed()) {
          throw new InvalidValueException("bolus", "requested", "a prescribed patient bolus", "no patient bolus is prescribed on this pump");
        }
        reply = session.requestBolus(s.bolusDose());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (pump.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("granted", reply.granted());
        m.put("refusal", reply.granted() ? null : reply.refusal().name());
        m.put("doseMcg", new java.math.BigDecimal(reply.dose().micrograms()));
        m.put("dosesLeftToday", reply.dosesLeftToday());
        m.put("lockoutRemainingMinutes", (reply.lockoutRemainingSeconds() + 59) / 60);
        Output.json(out, m);
        return;
      }
      if (reply.granted()) {
        out.printf("Bolus granted: %s. %d left today; next possible in %d min.%n", reply.dose(), reply.dosesLeftToday(),
            (reply.lockoutRemainingSeconds() + 59) / 60);
      } else {
        out.printf("Bolus refused (%s): %s. %d left today.%n", reply.refusal(), why(reply), reply.dosesLeftToday());
      }
      out.flush();
    }

    private static String why(PatientBolusReply r) {
      return switch (r.refusal()) {
        case LOCKOUT -> "too soon after the last one; next possible in " + (r.lockoutRemainingSeconds() + 59) / 60 + " min";
        case DAILY_LIMIT -> "today's boluses are used up";
        case NO_ALLOWANCE -> "no patient bolus is prescribed";
        case DOSE_MISMATCH -> "the device showed a dose the pump no longer has; check the status and retry";
        case DELIVERY_STOPPED -> "the pump is not delivering; call your ITB clinic";
        case BOLUS_ACTIVE -> "a bolus is still running";
        case RESERVOIR_LOW -> "the pump's reservoir is low; call your ITB clinic for a refill";
        default -> "refused by the pump";
      };
    }
  }
}
