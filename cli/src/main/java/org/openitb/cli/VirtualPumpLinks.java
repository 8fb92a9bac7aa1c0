package org.openitb.cli;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.PumpLinks;
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
 * Thread-safe; closing it stops every pump.
 */
final class VirtualPumpLinks implements PumpLinks, AutoCloseable {
  /** One live pump behind a demo patient. */
  record Live(long patientId, String name, String serial, VirtualPump pump) {}

  private final Map<String, Live> pumps = new ConcurrentHashMap<>();

  /** Puts {@code pump} behind its serial. */
  void add(long patientId, String name, VirtualPump pump) {
    pumps.put(pump.serial(), new Live(patientId, name, pump.serial(), pump));
  }

  Optional<VirtualPump> pump(String serial) {
    return Optional.ofNullable(pumps.get(serial)).map(Live::pump);
  }

  List<Live> live() {
    return pumps.values().stream().sorted(java.util.Comparator.comparingLong(Live::patientId)).toList();
  }

  @Override
  public Optional<PumpConnection> connect(String pumpSerial) {
    return Optional.ofNullable(pumps.get(pumpSerial)).map(l -> new Connection(l.pump()));
  }

  /**
   * Builds a virtual pump for each of the first {@code max} patients (by id) with an active implant
   * and a prescription, programmed as the clinic's records say and implanted at {@code start}
   * (pump-local time). {@code accelerated} above 0 runs each pump's clock at that factor of real
   * time; 0 keeps a manual clock (tests). A patient whose records the pump refuses is skipped.
   */
  static VirtualPumpLinks fromRecords(Jdbi jdbi, int max, LocalDateTime start, long accelerated) {
    VirtualPumpLinks links = new VirtualPumpLinks();
    List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("SELECT p.id, p.name, p.etiology, p.age_group, i.serial, i.pump_model "
        + "FROM patient p JOIN implant i ON i.patient_id = p.id AND i.explant_date IS NULL ORDER BY p.id").mapToMap().list());
    List<Long> seen = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      if (links.pumps.size() >= max) {
        break;
      }
      long id = ((Number) r.get("id")).longValue();
      if (seen.contains(id)) {
        continue;
      }
      seen.add(id);
      Optional<Map<String, Object>> rx = jdbi.withHandle(h -> h.createQuery("SELECT * FROM prescription WHERE patient_id = :p "
          + "ORDER BY start_at DESC, id DESC LIMIT 1").bind("p", id).mapToMap().findOne());
      if (rx.isEmpty()) {
        continue;
      }
      Prescription p = Prescription.simple(DrugLibrary.standard().drug((String) rx.get().get("drug")),
          new Concentration(((Number) rx.get().get("concentration_ng_per_ml")).longValue()),
          new DoseRate(((Number) rx.get().get("dose_ng_per_day")).longValue()));
      Etiology e = "CHILD".equals(r.get("age_group")) ? Etiology.PAEDIATRIC : Etiology.valueOf((String) r.get("etiology"));
      PumpModel model = PumpModels.byName((String) r.get("pump_model"));
      Volume alarm = Volume.ofNanolitres(((Number) rx.get().get("alarm_volume_nl")).longValue());
      for (Volume fill : List.of(left(jdbi, id, p, start, model), Volume.ofMillilitres(DEFAULT_FILL_ML))) {
        VirtualPump.Builder b = VirtualPump.builder(id).serial((String) r.get("serial")).model(model)
            .prescription(p).etiology(e).fill(fill).lowReservoirAlarm(alarm).start(start);
        b = accelerated > 0 ? b.acceleratedClock(accelerated) : b.manualClock();
        try {
          links.add(id, (String) r.get("name"), b.build());
          break;
        } catch (RuntimeException ex) {
          // the pump refused these records (e.g. a rate below its minimum): try the default fill, else no live pump
        }
      }
    }
    return links;
  }

  static final long DEFAULT_FILL_ML = 20;

  /** What the records say is left in the reservoir at {@code at}: the last fill minus the dose since, within 1 mL..the reservoir. */
  static Volume left(Jdbi jdbi, long patient, Prescription p, LocalDateTime at, PumpModel model) {
    Optional<Map<String, Object>> last = jdbi.withHandle(h -> h.createQuery("SELECT at, fill_nl FROM refill WHERE patient_id = :p "
        + "ORDER BY at DESC, id DESC LIMIT 1").bind("p", patient).mapToMap().findOne());
    if (last.isEmpty()) {
      return Volume.ofMillilitres(DEFAULT_FILL_ML);
    }
    Object when = last.get().get("at");
    LocalDateTime filled = when instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (LocalDateTime) when;
    long seconds = Math.max(0, java.time.Duration.between(filled, at).getSeconds());
    long dose = p.basal().rateAt(java.time.LocalTime.NOON).nanogramsPerDay();
    long conc = p.concentration().nanogramsPerMillilitre();
    java.math.BigInteger used = java.math.BigInteger.valueOf(dose).multiply(java.math.BigInteger.valueOf(1_000_000))
        .multiply(java.math.BigInteger.valueOf(seconds)).divide(java.math.BigInteger.valueOf(conc).multiply(java.math.BigInteger.valueOf(86_400)));
    long nl = java.math.BigInteger.valueOf(((Number) last.get().get("fill_nl")).longValue()).subtract(used).max(java.math.BigInteger.valueOf(1_000_000))
        .min(java.math.BigInteger.valueOf(model.reservoir().nanolitres())).longValueExact();
    return Volume.ofNanolitres(nl);
  }

  @Override
  public void close() {
    pumps.values().forEach(l -> l.pump().close());
    pumps.clear();
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

    @Override
    public Optional<Volume> simulateNeedle(Volume fill, Concentration concentration) {
      Volume withdrawn = pump.withdrawReservoir();
      pump.fillReservoir(fill, concentration);
      return Optional.of(withdrawn);
    }

    @Override
    public void close() {
      transport.close();
    }
  }
}
