// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.pump.PumpLinks;
import org.openitb.link.Role;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.transport.Transport;
import org.openitb.simulator.VirtualPump;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

/**
 * The demo's pump links: a real {@link VirtualPump} (firmware on simulated hardware) behind each
 * registered pump serial, reached over the real authenticated link as the clinician programmer.
 *
 * <p>Every patient with an active implant and a prescription gets a pump (also one implanted after
 * start-up, found by its serial when a programmer first asks for it), but each pump is built
 * only when a programmer first reaches for it (or a caller asks for it): a built pump costs about
 * 150 KB of heap and a catch-up tick every 50 ms, so a clinic of thousands of patients starts in
 * the time of one query. Accelerated pumps all tick on one shared scheduler thread. Thread-safe;
 * closing it stops every pump and the scheduler.
 */
final class VirtualPumpLinks implements PumpLinks, AutoCloseable {
  /** No limit on the number of patients with a live pump. */
  static final int ALL = Integer.MAX_VALUE;
  /** What a demo pump is filled with when the records give no usable reservoir volume. */
  static final long DEFAULT_FILL_ML = 20;
  /** The name of the one thread that ticks every accelerated demo pump. */
  static final String TICKER_THREAD = "virtual-pump-clocks";

  /** One demo patient with a live pump behind the implant's serial. */
  record Live(long patientId, String name, String serial) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final long accelerated;
  private final ScheduledThreadPoolExecutor ticker;
  /** By serial, in patient id order; fixed after construction (only the slots' pumps change). */
  private final Map<String, Slot> slots;
  /** Implants recorded after start-up (a new patient, a replacement pump), found when a programmer first asks for them. */
  private final Map<String, Slot> later = new java.util.concurrent.ConcurrentHashMap<>();

  private VirtualPumpLinks(Jdbi jdbi, Clock clock, long accelerated, Map<String, Slot> slots) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.accelerated = accelerated;
    this.slots = slots;
    if (accelerated > 0) {
      ticker = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, TICKER_THREAD);
        t.setDaemon(true); // the pumps must never keep the JVM alive after the server stopped
        return t;
      });
      ticker.setRemoveOnCancelPolicy(true);
    } else {
      ticker = null;
    }
  }

  /**
   * Links for the first {@code max} patients (by id) with an active implant and a prescription.
   * Each pump is built on first use, programmed as the clinic's records say at that moment and
   * implanted then ({@code clock}'s time, pump-local). {@code accelerated} above 0 runs the pumps'
   * clocks at that factor of real time on one shared thread; 0 keeps manual clocks (tests).
   */
  static VirtualPumpLinks fromRecords(Jdbi jdbi, int max, Clock clock, long accelerated) {
    List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("SELECT p.id, p.name, i.serial FROM patient p "
        + "JOIN implant i ON i.patient_id = p.id AND i.explant_date IS NULL "
        + "WHERE EXISTS (SELECT 1 FROM prescription rx WHERE rx.patient_id = p.id) ORDER BY p.id, i.id").mapToMap().list());
    Map<String, Slot> slots = new LinkedHashMap<>();
    long previous = -1;
    for (Map<String, Object> r : rows) {
      long id = ((Number) r.get("id")).longValue();
      if (id == previous) {
        continue; // one pump per patient: the first active implant
      }
      previous = id;
      if (slots.size() >= max) {
        break;
      }
      String serial = (String) r.get("serial");
      slots.putIfAbsent(serial, new Slot(new Live(id, (String) r.get("name"), serial)));
    }
    return new VirtualPumpLinks(jdbi, clock, accelerated, slots);
  }

  /** The patients with a live pump, by patient id. */
  List<Live> live() {
    return java.util.stream.Stream.concat(slots.values().stream(), later.values().stream()).map(s -> s.live)
        .sorted(java.util.Comparator.comparingLong(Live::patientId)).toList();
  }

  /** How many pumps have been built so far (each built on first use). */
  int built() {
    return (int) java.util.stream.Stream.concat(slots.values().stream(), later.values().stream()).filter(Slot::isBuilt).count();
  }

  /** The pump behind {@code serial}, built now if it was not yet; empty for an unknown serial or one whose records the pump refused. */
  Optional<VirtualPump> pump(String serial) {
    Slot s = slot(serial);
    return s == null ? Optional.empty() : s.pump(this::build);
  }

  private Slot slot(String serial) {
    Slot s = slots.get(serial);
    if (s != null || serial == null) {
      return s;
    }
    s = later.get(serial);
    if (s != null) {
      return s;
    }
    Optional<Map<String, Object>> r = jdbi.withHandle(h -> h.createQuery("SELECT p.id, p.name FROM patient p "
        + "JOIN implant i ON i.patient_id = p.id AND i.explant_date IS NULL WHERE i.serial = :s "
        + "AND EXISTS (SELECT 1 FROM prescription rx WHERE rx.patient_id = p.id) ORDER BY i.id DESC").bind("s", serial).mapToMap().findFirst());
    return r.map(row -> later.computeIfAbsent(serial, x -> new Slot(new Live(((Number) row.get("id")).longValue(), (String) row.get("name"), serial))))
        .orElse(null);
  }

  /** Why the pump behind {@code serial} refused its patient's records, if it did. */
  Optional<String> refusal(String serial) {
    return Optional.ofNullable(slot(serial)).flatMap(Slot::refusal);
  }

  @Override
  public Optional<PumpConnection> connect(String pumpSerial) {
    return pump(pumpSerial).map(Connection::new);
  }

  /**
   * Implants a pump for {@code live} now: the latest prescription, the reservoir the records say is
   * left (else the default fill), the alarm volume prescribed. Throws when the pump refuses both.
   */
  private VirtualPump build(Live live) {
    Map<String, Object> r = jdbi.withHandle(h -> h.createQuery("SELECT p.etiology, p.age_group, i.pump_model FROM patient p "
        + "JOIN implant i ON i.patient_id = p.id WHERE i.serial = :s AND p.id = :p AND i.explant_date IS NULL")
        .bind("s", live.serial()).bind("p", live.patientId()).mapToMap().first());
    Map<String, Object> rx = jdbi.withHandle(h -> h.createQuery("SELECT * FROM prescription WHERE patient_id = :p "
        + "ORDER BY start_at DESC, id DESC LIMIT 1").bind("p", live.patientId()).mapToMap().one());
    Prescription p = Prescription.simple(DrugLibrary.standard().drug((String) rx.get("drug")),
        new Concentration(((Number) rx.get("concentration_ng_per_ml")).longValue()),
        new DoseRate(((Number) rx.get("dose_ng_per_day")).longValue()));
    Etiology e = "CHILD".equals(r.get("age_group")) ? Etiology.PAEDIATRIC : Etiology.valueOf((String) r.get("etiology"));
    PumpModel model = PumpModels.byName((String) r.get("pump_model"));
    Volume alarm = Volume.ofNanolitres(((Number) rx.get("alarm_volume_nl")).longValue());
    LocalDateTime start = LocalDateTime.now(clock);
    RuntimeException refused = null;
    for (Volume fill : List.of(left(jdbi, live.patientId(), p, start, model), Volume.ofMillilitres(DEFAULT_FILL_ML))) {
      VirtualPump.Builder b = VirtualPump.builder(live.patientId()).serial(live.serial()).model(model)
          .prescription(p).etiology(e).fill(fill).lowReservoirAlarm(alarm).start(start);
      b = ticker != null ? b.acceleratedClock(accelerated, ticker) : b.manualClock();
      try {
        VirtualPump pump = b.build();
        // A pump built now starts a new event log under a serial the clinic may have read before (a demo restarted on
        // its data directory): the position stored for the old log would skip this log's first events, so drop it.
        jdbi.useHandle(h -> h.createUpdate("UPDATE session_record SET last_pump_event = NULL WHERE pump_serial = :s")
            .bind("s", live.serial()).execute());
        return pump;
      } catch (RuntimeException ex) {
        refused = ex; // the pump refused these records (e.g. a fill below its alarm volume): try the default fill
      }
    }
    throw refused;
  }

  static final long NL_PER_ML = 1_000_000;
  static final long SECONDS_PER_DAY = 86_400;
  /** The least a demo pump starts with (1 mL), so the records' arithmetic never builds an already empty pump. */
  static final long MIN_LEFT_NL = NL_PER_ML;

  /** What the records say is left in the reservoir at {@code at}: the last fill minus the dose since, within 1 mL..the reservoir. */
  static Volume left(Jdbi jdbi, long patient, Prescription p, LocalDateTime at, PumpModel model) {
    Optional<Map<String, Object>> last = jdbi.withHandle(h -> h.createQuery("SELECT at, fill_nl FROM refill WHERE patient_id = :p "
        + "ORDER BY at DESC, id DESC LIMIT 1").bind("p", patient).mapToMap().findOne());
    if (last.isEmpty()) {
      return Volume.ofMillilitres(DEFAULT_FILL_ML);
    }
    Object when = last.get().get("at");
    LocalDateTime filled = when instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (LocalDateTime) when;
    long seconds = Math.max(0, Duration.between(filled, at).toSeconds());
    long dose = p.basal().rateAt(LocalTime.NOON).nanogramsPerDay();
    long conc = p.concentration().nanogramsPerMillilitre();
    // ng/day x nL/mL x s / (ng/mL x s/day) = nL
    BigInteger used = BigInteger.valueOf(dose).multiply(BigInteger.valueOf(NL_PER_ML))
        .multiply(BigInteger.valueOf(seconds)).divide(BigInteger.valueOf(conc).multiply(BigInteger.valueOf(SECONDS_PER_DAY)));
    long nl = BigInteger.valueOf(((Number) last.get().get("fill_nl")).longValue()).subtract(used).max(BigInteger.valueOf(MIN_LEFT_NL))
        .min(BigInteger.valueOf(model.reservoir().nanolitres())).longValueExact();
    return Volume.ofNanolitres(nl);
  }

  @Override
  public void close() {
    slots.values().forEach(Slot::close);
    later.values().forEach(Slot::close);
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }

  /** One patient's place: the pump once built, or the reason the pump refused the records. */
  private static final class Slot {
    final Live live;
    private VirtualPump pump;
    private String refusal;
    private boolean closed;

    Slot(Live live) {
      this.live = live;
    }

    synchronized boolean isBuilt() {
      return pump != null;
    }

    synchronized Optional<VirtualPump> pump(java.util.function.Function<Live, VirtualPump> build) {
      if (pump == null && refusal == null && !closed) {
        try {
          pump = build.apply(live);
        } catch (RuntimeException e) {
          refusal = String.valueOf(e.getMessage()); // remembered: the records will not change their mind until the demo restarts
        }
      }
      return Optional.ofNullable(pump);
    }

    synchronized Optional<String> refusal() {
      return Optional.ofNullable(refusal);
    }

    synchronized void close() {
      closed = true;
      if (pump != null) {
        pump.close();
      }
    }
  }

  private static final class Connection implements PumpConnection {
    private final VirtualPump pump;
    private final ProgrammerEndpoint endpoint;
    private final Transport transport;

    Connection(VirtualPump pump) {
      this.pump = pump;
      this.endpoint = pump.credentials().endpoint(Role.CLINICIAN, pump.drugLibrary());
      this.transport = pump.connect();
    }

    @Override
    public ProgrammerEndpoint endpoint() {
      return endpoint;
    }

    @Override
    public Transport transport() {
      return transport;
    }

    @Override
    public DrugLibrary library() {
      return pump.drugLibrary();
    }

    /** The demo station's second clinician credential (CP-0002), used after the clinic verified a second person. */
    @Override
    public Optional<org.openitb.link.security.DeviceCredential> coSigner() {
      return pump.credentials().secondClinician();
    }

    /** What is truly left; the pump withdraws it and fills what the refill says only when its firmware accepts the refill. */
    @Override
    public Optional<Volume> simulatedWithdrawal() {
      return Optional.of(pump.trueReservoirVolume());
    }

    @Override
    public void close() {
      transport.close();
    }
  }
}
