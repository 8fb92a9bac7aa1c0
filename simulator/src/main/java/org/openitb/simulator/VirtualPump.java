// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openitb.firmware.Command;
import org.openitb.firmware.CommandResult;
import org.openitb.firmware.Firmware;
import org.openitb.firmware.FirmwareStatus;
import org.openitb.firmware.LogEntry;
import org.openitb.firmware.Origin;
import org.openitb.firmware.PumpEvent;
import org.openitb.firmware.telemetry.TelemetryProvisioning;
import org.openitb.hardware.HardwareParameters;
import org.openitb.hardware.PhysicalListener;
import org.openitb.hardware.SimulatedPump;
import org.openitb.link.transport.FrameFault;
import org.openitb.link.transport.FrameFaults;
import org.openitb.link.transport.InMemoryTransport;
import org.openitb.link.transport.TcpPumpServer;
import org.openitb.link.transport.Transport;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * One implanted pump for programmers to talk to: the real firmware, provisioned for telemetry, on
 * simulated hardware, filled and programmed at "implant" (as {@link Simulation} does), reached only
 * through the telemetry link.
 *
 * <ul>
 *   <li>{@link #connect()} gives an in-memory {@link Transport}: each frame goes through the
 *       hardware's radio ({@link SimulatedPump#receive}) to the firmware, and the firmware's reply
 *       comes back from the radio. The telemetry head counts as held over the implant (proximity)
 *       while the transport is open.
 *   <li>{@link #serveTcp(int)} serves the same pump on loopback with the link's {@link TcpPumpServer};
 *       while served, proximity is on (a loopback connection stands for the head over the implant).
 *   <li>Time: {@link ClockMode#MANUAL} (tests call {@link #advance}) or {@link ClockMode#ACCELERATED}
 *       (a scheduler thread moves virtual time at a factor of real time, but at real speed for 30 s
 *       after each radio frame so sessions keep their real timeouts; this class is the only place
 *       in the project that reads a real clock, and only in that mode). Many pumps can share one
 *       scheduler thread ({@link Builder#acceleratedClock(long, ScheduledExecutorService)}): a
 *       tick is a short catch-up, so a thread per pump would only cost memory.
 *   <li>{@link #credentials()} are the devices the pump trusts (clinician programmer, patient device,
 *       read-only interrogator), derived from the seed; {@link VirtualPumpCredentials#write} puts
 *       them in a file for other processes.
 * </ul>
 *
 * <p>A link Refill tells the firmware what the needle did. When no needle step was simulated
 * before it ({@link #withdrawReservoir()}, {@link #fillReservoir}), the pump performs it itself when
 * the firmware accepts the refill, so truth follows the clinician's record.
 *
 * <p>Thread-safe: every access to the pump holds one lock (the implant has one radio and one CPU).
 */
public final class VirtualPump implements AutoCloseable {
  /** How virtual time moves. */
  public enum ClockMode {
    /** Only {@link #advance} moves time (tests). */
    MANUAL,
    /** Virtual time runs at {@code factor} times real time on a scheduler thread. */
    ACCELERATED
  }

  /** Default implant time (pump-local, reported as UTC until a programmer sets the clock with an offset). */
  public static final LocalDateTime DEFAULT_START = LocalDateTime.of(2026, 3, 2, 9, 0);
  static final String IMPLANT_DEVICE = "IMPLANT";
  private static final long TICK_MILLIS = 50;
  /** In accelerated mode, how long after a radio frame time runs at real speed (a session in progress). */
  static final Duration SESSION_REAL_TIME = Duration.ofSeconds(30);

  private final Object lock = new Object();
  private final String serial;
  private final DrugLibrary library;
  private final VirtualPumpCredentials credentials;
  private final SimulatedPump pump;
  private final long accelerationFactor;
  private final List<TcpPumpServer> servers = new ArrayList<>();
  private ScheduledExecutorService ticker;
  /** True when {@link #ticker} was made for this pump alone (closed with it); false when shared. */
  private boolean ownTicker;
  private ScheduledFuture<?> tick;
  private long lastRealNanos;
  private long lastFrameNanos = Long.MIN_VALUE;
  private long virtualTargetMillis;
  private Firmware firmware;
  private byte[] lastSent;
  private int openLinks;
  private boolean needleUsed;
  private PumpEvent.Refilled autoFill;
  private boolean closed;

  private VirtualPump(Builder b) {
    this.serial = b.serial;
    this.library = b.library;
    VirtualPumpCredentials.Provisioned provisioned = VirtualPumpCredentials.derive(b.serial, b.seed);
    this.credentials = provisioned.credentials();
    TelemetryProvisioning provisioning = new TelemetryProvisioning(provisioned.pump(), provisioned.trustList());
    this.accelerationFactor = b.factor;
    this.pump = SimulatedPump.builder(b.model, b.serial, b.seed)
        .parameters(HardwareParameters.typical().withFluidPathVolume(b.model.pumpTubing()))
        .firmware(hal -> {
          Firmware fw = new Firmware(hal, b.model, b.library, b.serial, provisioning);
          fw.addListener(this::onLogEntry);
          firmware = fw;
          return fw;
        })
        .listener(new PhysicalListener() {
          @Override
          public void onFrameSent(long atMillis, byte[] frame) {
            lastSent = frame;
          }
        })
        .build();
    implant(b);
  }

  /** A pump with every default: ITB-20, 20 mL of baclofen 500 mcg/mL, 300 mcg/day with a 25 mcg patient bolus. */
  public static VirtualPump start(long seed) {
    return builder(seed).build();
  }

  public static Builder builder(long seed) {
    return new Builder(seed);
  }

  /** How to build a {@link VirtualPump}; every setting has a default. */
  public static final class Builder {
    private final long seed;
    private String serial = "ITB-SIM-0001";
    private PumpModel model = PumpModels.ITB_20;
    private DrugLibrary library = DrugLibrary.standard();
    private Prescription prescription = defaultPrescription();
    private Etiology etiology = Etiology.SPINAL;
    private Volume fill = Volume.ofMillilitres(20);
    private Volume lowReservoirAlarm = Volume.ofMillilitres(2);
    private LocalDateTime start = DEFAULT_START;
    private ClockMode clock = ClockMode.MANUAL;
    private long factor = 1;
    private ScheduledExecutorService sharedTicker;

    private Builder(long seed) {
      this.seed = seed;
    }

    /** Serial number (also names the pump's derived key); default ITB-SIM-0001. */
    public Builder serial(String s) {
      this.serial = Objects.requireNonNull(s);
      return this;
    }

    public Builder model(PumpModel m) {
      this.model = Objects.requireNonNull(m);
      return this;
    }

    public Builder drugLibrary(DrugLibrary l) {
      this.library = Objects.requireNonNull(l);
      return this;
    }

    /** The therapy programmed at implant (its concentration is what the reservoir is filled with). */
    public Builder prescription(Prescription p) {
      this.prescription = Objects.requireNonNull(p);
      return this;
    }

    public Builder etiology(Etiology e) {
      this.etiology = Objects.requireNonNull(e);
      return this;
    }

    public Builder fill(Volume v) {
      this.fill = Objects.requireNonNull(v);
      return this;
    }

    public Builder lowReservoirAlarm(Volume v) {
      this.lowReservoirAlarm = Objects.requireNonNull(v);
      return this;
    }

    /** Pump-local time at implant. */
    public Builder start(LocalDateTime t) {
      this.start = Objects.requireNonNull(t);
      return this;
    }

    /** Manual time (the default). */
    public Builder manualClock() {
      this.clock = ClockMode.MANUAL;
      return this;
    }

    /** Virtual time at {@code factor} times real time (1 = real time). Never in tests. */
    public Builder acceleratedClock(long factor) {
      if (factor < 1) {
        throw new IllegalArgumentException("acceleration factor " + factor + " must be >= 1");
      }
      this.clock = ClockMode.ACCELERATED;
      this.factor = factor;
      this.sharedTicker = null;
      return this;
    }

    /**
     * Virtual time at {@code factor} times real time, ticked by {@code ticker}, which other pumps
     * may share; closing the pump cancels its tick but leaves the scheduler to its owner. Never in tests.
     * {@code factor} must be at least 1 (1 = real time), as for {@link #acceleratedClock(long)}.
     */
    public Builder acceleratedClock(long factor, ScheduledExecutorService ticker) {
      acceleratedClock(factor);
      this.sharedTicker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    public VirtualPump build() {
      VirtualPump p = new VirtualPump(this);
      if (clock == ClockMode.ACCELERATED) {
        p.startTicker(sharedTicker);
      }
      return p;
    }
  }

  /** Baclofen 500 mcg/mL, 300 mcg/day, patient bolus of 25 mcg over 10 min, 3 h lockout, 4 a day. */
  public static Prescription defaultPrescription() {
    return Prescription.simple(DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(500), DoseRate.ofMicrogramsPerDay(300))
        .withPatientBolus(new PatientBolusAllowance(Mass.ofMicrograms(25), Duration.ofMinutes(10), Duration.ofHours(3), 4));
  }

  private void implant(Builder b) {
    pump.powerOn();
    Origin implant = Origin.clinician(IMPLANT_DEVICE);
    require(firmware.handle(new Command.SetClock(b.start), implant), "set clock");
    Concentration c = b.prescription.concentration();
    pump.primeFluidPath(c);
    pump.fillReservoir(b.fill, c);
    needleUsed = true;
    require(firmware.handle(new Command.Refill(b.fill, b.prescription.drug(), c, Optional.empty()), implant), "fill");
    require(firmware.handle(new Command.ProgramTherapy(b.prescription, b.etiology, b.lowReservoirAlarm), implant), "program");
  }

  private static void require(CommandResult result, String what) {
    if (result instanceof CommandResult.Refused r) {
      throw new IllegalArgumentException("implant: " + what + " refused by the pump: " + r.message());
    }
  }

  // ---------------------------------------------------------------- the link

  /** An in-memory link to the pump over a perfect channel; proximity is on while it is open. */
  public Transport connect() {
    return connect(FrameFaults.none());
  }

  /** An in-memory link whose frames pass through {@code faults} (loss, corruption, taps). */
  public Transport connect(FrameFault faults) {
    synchronized (lock) {
      requireOpen();
      openLinks++;
      pump.setProximity(true);
    }
    return new Link(InMemoryTransport.serving(this::radio, faults));
  }

  /** An in-memory link from a device that is not held over the implant (no proximity), for tests. */
  Transport connectOutOfRange() {
    return InMemoryTransport.serving(this::radio, FrameFaults.none());
  }

  /** Serves the pump on loopback {@code port} (0: a free port, see {@link TcpPumpServer#port()}); closed with the pump. */
  public TcpPumpServer serveTcp(int port) {
    synchronized (lock) {
      requireOpen();
      openLinks++;
      pump.setProximity(true);
      TcpPumpServer server = TcpPumpServer.start(this::radio, port);
      servers.add(server);
      return server;
    }
  }

  /** One frame over the air: the pump hears it now (in virtual time) and answers through its radio. */
  private Optional<byte[]> radio(byte[] frame) {
    synchronized (lock) {
      if (closed) {
        return Optional.empty();
      }
      catchUp();
      if (ticker != null) {
        lastFrameNanos = System.nanoTime();
      }
      lastSent = null;
      pump.receive(frame);
      byte[] reply = lastSent;
      lastSent = null;
      if (autoFill != null) {
        PumpEvent.Refilled r = autoFill;
        autoFill = null;
        pump.withdraw();
        pump.fillReservoir(r.newVolume(), r.concentration());
      }
      return Optional.ofNullable(reply);
    }
  }

  private final class Link implements Transport {
    private final InMemoryTransport inner;
    private boolean linkClosed;

    Link(InMemoryTransport inner) {
      this.inner = inner;
    }

    @Override
    public void send(byte[] frame) {
      inner.send(frame);
    }

    @Override
    public Optional<byte[]> receive() {
      return inner.receive();
    }

    @Override
    public void close() {
      inner.close();
      synchronized (lock) {
        if (!linkClosed) {
          linkClosed = true;
          releaseProximity();
        }
      }
    }
  }

  private void releaseProximity() {
    openLinks = Math.max(0, openLinks - 1);
    if (openLinks == 0) {
      pump.setProximity(false);
    }
  }

  // ---------------------------------------------------------------- time

  /** Moves virtual time on by {@code d} (manual clock only), running everything due. */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("cannot advance by a negative " + d);
    }
    synchronized (lock) {
      requireOpen();
      if (ticker != null) {
        throw new IllegalStateException("this pump's clock is accelerated: it cannot be advanced by hand");
      }
      pump.runUntil(Math.addExact(pump.nowMillis(), d.toMillis()));
    }
  }

  /** The pump's virtual time in ms since implant. */
  public long nowMillis() {
    synchronized (lock) {
      return pump.nowMillis();
    }
  }

  public ClockMode clockMode() {
    return ticker == null ? ClockMode.MANUAL : ClockMode.ACCELERATED;
  }

  /** Starts ticking on {@code shared}, or on a thread of this pump's own when null. */
  private void startTicker(ScheduledExecutorService shared) {
    synchronized (lock) {
      lastRealNanos = System.nanoTime(); // the project's only real clock reads (accelerated mode only)
      virtualTargetMillis = pump.nowMillis();
      ownTicker = shared == null;
      ticker = ownTicker ? Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "virtual-pump-clock-" + serial);
        t.setDaemon(true);
        return t;
      }) : shared;
      tick = ticker.scheduleAtFixedRate(() -> {
        synchronized (lock) {
          if (!closed) {
            catchUp();
          }
        }
      }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * In accelerated mode, runs the pump up to the virtual time that corresponds to now. Time runs at
   * the factor except within {@link #SESSION_REAL_TIME} of real time after a radio frame: a session
   * then runs at real speed, so its timeouts (10 s handshake, 5 min idle) mean what they say.
   */
  private void catchUp() {
    if (ticker == null) {
      return;
    }
    long nowNanos = System.nanoTime();
    long elapsedNanos = Math.max(0, nowNanos - lastRealNanos);
    boolean inSession = lastFrameNanos != Long.MIN_VALUE && nowNanos - lastFrameNanos < SESSION_REAL_TIME.toNanos();
    long factor = inSession ? 1 : accelerationFactor;
    lastRealNanos = nowNanos - elapsedNanos % 1_000_000L; // carry the sub-millisecond rest
    virtualTargetMillis = Math.addExact(virtualTargetMillis, Math.multiplyExact(elapsedNanos / 1_000_000L, factor));
    if (virtualTargetMillis > pump.nowMillis()) {
      pump.runUntil(virtualTargetMillis);
    }
  }

  // ---------------------------------------------------------------- reading the pump (not over the link)

  public String serial() {
    return serial;
  }

  public DrugLibrary drugLibrary() {
    return library;
  }

  /** The devices this pump trusts, with their key seeds (simulated devices only). */
  public VirtualPumpCredentials credentials() {
    return credentials;
  }

  /** What the firmware believes now (for tests and displays; programmers use the link). */
  public FirmwareStatus status() {
    synchronized (lock) {
      return firmware.status();
    }
  }

  /** The firmware's event log entries numbered above {@code n}, oldest first. */
  public List<LogEntry> eventsSince(long n) {
    synchronized (lock) {
      return firmware.eventsSince(n);
    }
  }

  /** True volume in the reservoir (the physical truth, not the pump's belief). */
  public Volume trueReservoirVolume() {
    synchronized (lock) {
      return pump.trueReservoirVolume();
    }
  }

  /** True drug mass delivered to the patient since implant. */
  public Mass trueDeliveredMass() {
    synchronized (lock) {
      return pump.trueDeliveredMass();
    }
  }

  /** Radio frames the pump received and sent (each costs battery charge). */
  public long framesReceived() {
    synchronized (lock) {
      return pump.framesReceived();
    }
  }

  // ---------------------------------------------------------------- the world around the implant

  /**
   * A static magnetic field of {@code fieldMilliTesla} from now for {@code duration} (an MRI scan at
   * 1.5 T is 1500 mT): the rotor stalls, the firmware logs the stall and sets "interrogation
   * required"; when the field ends it resumes without catch-up.
   */
  public void magneticField(Duration duration, long fieldMilliTesla) {
    synchronized (lock) {
      requireOpen();
      pump.magneticField(pump.nowMillis(), duration.toMillis(), fieldMilliTesla);
    }
  }

  /** Schedules a hardware fault at its instant (virtual ms since implant, not before {@link #nowMillis()}). */
  public void inject(org.openitb.hardware.Fault fault) {
    synchronized (lock) {
      requireOpen();
      pump.inject(fault);
    }
  }

  // ---------------------------------------------------------------- the needle

  /** The refill needle empties the reservoir now; returns the true volume withdrawn. */
  public Volume withdrawReservoir() {
    synchronized (lock) {
      needleUsed = true;
      return pump.withdraw();
    }
  }

  /** The refill needle injects {@code volume} at {@code concentration} now (tell the pump with a link Refill). */
  public void fillReservoir(Volume volume, Concentration concentration) {
    synchronized (lock) {
      needleUsed = true;
      pump.fillReservoir(volume, concentration);
    }
  }

  private void onLogEntry(LogEntry entry) {
    if (entry.event() instanceof PumpEvent.Refilled r) {
      if (needleUsed) {
        needleUsed = false;
      } else {
        autoFill = r; // done by the pump right after the frame's interrupt, never inside it
      }
    }
  }

  // ---------------------------------------------------------------- life

  @Override
  public void close() {
    List<TcpPumpServer> toClose;
    ScheduledExecutorService t;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(servers);
      servers.clear();
      t = ticker;
      if (tick != null) {
        tick.cancel(false);
      }
    }
    if (t != null && ownTicker) {
      t.shutdownNow();
    }
    toClose.forEach(TcpPumpServer::close);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("virtual pump " + serial + " is closed");
    }
  }
}
