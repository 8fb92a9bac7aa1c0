// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.openitb.link.transport.TcpPumpServer;
import org.openitb.simulator.VirtualPump;
import org.openitb.therapy.units.InvalidValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itb pump}: a virtual implanted pump. */
@Command(name = "pump", mixinStandardHelpOptions = true, description = "A virtual implanted pump (firmware on simulated hardware).",
    subcommands = {PumpCommand.Serve.class})
final class PumpCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code itb pump serve}: serves a virtual pump on loopback until interrupted. */
  @Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
      description = {
        "Implants a virtual pump (ITB-20, 20 mL baclofen 500 mcg/mL, 300 mcg/day, patient bolus 25 mcg,",
        "3 h lockout, 4 a day) and serves its telemetry on 127.0.0.1 until Ctrl-C. Its virtual clock runs",
        "--speed times faster than real time. The simulated programmer and patient-device credentials",
        "(private keys of SIMULATED devices only) and the port go to --credentials for the other commands."
      })
  static final class Serve implements Runnable {
    static final long MAX_SPEED = 100_000;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "0", description = "TCP port on 127.0.0.1 (default: any free port, written to the credentials file).")
    int port;

    @Option(names = "--speed", defaultValue = "60", description = "Virtual seconds per real second, 1-100000 (default ${DEFAULT-VALUE}: an hour a minute).")
    long speed;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the pump's hardware and keys (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--credentials", defaultValue = ".itb/virtual-pump.json", description = "Where to write the simulated devices' credentials (default ${DEFAULT-VALUE}).")
    Path credentials;

    @Override
    public void run() {
      if (speed < 1 || speed > MAX_SPEED) {
        throw new InvalidValueException("--speed", String.valueOf(speed), "1-" + MAX_SPEED, "out of range");
      }
      if (port < 0 || port > 65_535) {
        throw new InvalidValueException("--port", String.valueOf(port), "0-65535", "not a TCP port");
      }
      CountDownLatch stop = new CountDownLatch(1);
      try (VirtualPump pump = VirtualPump.builder(seed).acceleratedClock(speed).build()) {
        TcpPumpServer server = pump.serveTcp(port);
        pump.credentials().withPort(server.port()).write(credentials);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Virtual pump %s serving on 127.0.0.1:%d (clock x%d). Credentials: %s%n", pump.serial(), server.port(), speed, credentials);
        out.println("Try: ./itb programmer interrogate   or   ./itb ptm status      (Ctrl-C stops the pump)");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
