// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.link.message.BatteryState;
import org.openitb.link.message.DeliveryState;
import org.openitb.programmer.ClinicalRole;
import org.openitb.programmer.SessionRecord;
import org.openitb.programmer.SessionRecords;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Rounding;
import org.openitb.therapy.units.Volume;
import org.openitb.clinic.records.AgeGroup;
import org.openitb.clinic.records.Patients;
import org.openitb.clinic.records.Records;
import org.openitb.clinic.records.Refills;
import org.openitb.clinic.records.SessionRecordRows;
import org.openitb.clinic.records.Therapy;
import org.openitb.clinic.reports.BatteryHistory;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.security.Role;
import org.openitb.clinic.security.Sessions;
import org.openitb.clinic.security.Totp;
import org.openitb.clinic.security.Users;
import org.openitb.clinic.store.Rows;

/**
 * Demo data: patients with a few years of implants, prescriptions, refills, trials, alarms, MRI
 * scans and replacements, generated deterministically from a fixed seed and the injected clock,
 * plus demo logins:
 *
 * <ul>
 *   <li>clinician {@value #CLINICIAN_USER} / {@value #CLINICIAN_PASSWORD}
 *   <li>nurse {@value #NURSE_USER} / {@value #NURSE_PASSWORD}
 *   <li>administrator {@value #ADMIN_USER} / {@value #ADMIN_PASSWORD}
 *   <li>patient {@value #PATIENT_USER} / {@value #PATIENT_PASSWORD} (the first demo patient)
 * </ul>
 */
public final class DemoClinic {
  /** Demo clinician login. */
  public static final String CLINICIAN_USER = "demo";
  /** Demo clinician password. */
  public static final String CLINICIAN_PASSWORD = "demo-clinician";
  /** Demo nurse login. */
  public static final String NURSE_USER = "nurse";
  /** Demo nurse password. */
  public static final String NURSE_PASSWORD = "demo-nurse";
  /** Demo administrator login. */
  public static final String ADMIN_USER = "admin";
  /** Demo administrator password. */
  public static final String ADMIN_PASSWORD = "demo-admin";
  /**
   * The demo administrator's one-time code secret (administrators always need one): add it to an
   * authenticator app, or compute the code with {@link Totp#code(String, java.time.Clock)}.
   */
  public static final String ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPOPENITBDEMOADMIN";
  /** Demo patient login (sees only the first demo patient). */
  public static final String PATIENT_USER = "patient";
  /** Demo patient password. */
  public static final String PATIENT_PASSWORD = "demo-patient";
  /** What the login page of a demo server (and only of one) shows. */
  public static final String LOGINS_NOTE = "Demo logins: " + CLINICIAN_USER + " / " + CLINICIAN_PASSWORD + " (clinician), "
      + NURSE_USER + " / " + NURSE_PASSWORD + " (nurse), " + PATIENT_USER + " / " + PATIENT_PASSWORD
      + " (patient); administrator " + ADMIN_USER + " / " + ADMIN_PASSWORD + " with the one-time code that itb demo prints.";
  static final long SEED = 20_261_124L;
  static final int MAX_YEARS = 5;
  /** Patients per seeding transaction. */
  static final int BATCH = 100;
  /**
   * Demo patients (by index) that get a battery history: enough for any demo, while a
   * 10,000-patient load benchmark does not pay for 200,000 extra session records.
   */
  static final int BATTERY_PATIENTS = 100;
  /** At most one demo interrogation record per this many days. */
  static final int BATTERY_EVERY_DAYS = 90;
  /** Demo battery percent at the ERI date. */
  static final int ERI_PERCENT = 8;
  static final List<String> FIRST = List.of("Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luis");
  static final List<String> LAST = List.of("Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Silva", "Brennan", "Haddad", "Kowalski");
  private static final Principal SEEDER = new Principal(0, "demo-seed", Role.CLINICIAN, null, "", "");

  private DemoClinic() {}

  /**
   * Creates {@code n} demo patients with up to {@value #MAX_YEARS} years of history each, and the
   * demo logins if absent. The same clock and n always give the same records. Patients are
   * written in transactions of {@value #BATCH} (a large clinic, e.g. the load benchmark's 10,000,
   * seeds in minutes rather than hours of per-patient commits).
   */
  public static void seed(Jdbi jdbi, Clock clock, int n) {
    seed(jdbi, clock, n, done -> { });
  }

  /** As {@link #seed(Jdbi, Clock, int)}, telling {@code progress} how many patients are written after each transaction. */
  public static void seed(Jdbi jdbi, Clock clock, int n, java.util.function.IntConsumer progress) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    Random rnd = new Random(SEED);
    LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
    long base = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patient").mapTo(Long.class).one());
    Long first = null;
    for (int start = 0; start < n; start += BATCH) {
      int end = Math.min(n, start + BATCH);
      long[] seeds = new long[end - start];
      for (int i = 0; i < seeds.length; i++) {
        seeds[i] = rnd.nextLong();
      }
      int from = start;
      long id = jdbi.inTransaction(h -> {
        long firstInBatch = -1;
        for (int i = 0; i < seeds.length; i++) {
          long pid = patient(h, clock, now, base + from + i + 1, new Random(seeds[i]));
          firstInBatch = firstInBatch < 0 ? pid : firstInBatch;
        }
        return firstInBatch;
      });
      first = first == null ? id : first;
      progress.accept(end);
    }
    Long patientLogin = first;
    jdbi.useTransaction(h -> users(h, patientLogin));
  }

  private static void users(Handle h, Long patient) {
    user(h, CLINICIAN_USER, CLINICIAN_PASSWORD, Role.CLINICIAN, "Dr Demo Clinician", null);
    user(h, NURSE_USER, NURSE_PASSWORD, Role.NURSE, "Demo Nurse", null);
    user(h, ADMIN_USER, ADMIN_PASSWORD, Role.ADMINISTRATOR, "Demo Administrator", null);
    if (patient != null) {
      user(h, PATIENT_USER, PATIENT_PASSWORD, Role.PATIENT, "Demo Patient", patient);
    }
  }

  private static void user(Handle h, String name, String password, Role role, String display, Long patient) {
    if (h.createQuery("SELECT COUNT(*) FROM app_user WHERE username = :u").bind("u", name).mapTo(Long.class).one() == 0) {
      long id = Users.insert(h, name, Sessions.hashPassword(password), role, display, patient);
      if (role == Role.ADMINISTRATOR) {
        h.createUpdate("UPDATE app_user SET totp_secret = :s WHERE id = :i").bind("s", ADMIN_TOTP_SECRET).bind("i", id).execute();
      }
    }
  }

  private static long patient(Handle h, Clock clock, LocalDateTime now, long index, Random r) {
    List<Etiology> etiologies = List.of(Etiology.values());
    Etiology etiology = etiologies.get(r.nextInt(etiologies.size()));
    AgeGroup age = etiology == Etiology.PAEDIATRIC ? AgeGroup.CHILD : AgeGroup.ADULT;
    long grams = age == AgeGroup.CHILD ? 15_000 + r.nextInt(25_000) : 45_000 + r.nextInt(55_000);
    String name = FIRST.get(r.nextInt(FIRST.size())) + " " + LAST.get(r.nextInt(LAST.size()));
    LocalDateTime implanted = now.minusDays(120 + r.nextInt(365 * MAX_YEARS - 120)).withHour(9).withMinute(0);
    long id = Patients.insert(h, String.format("DEMO-%05d", index), name, etiology, age, grams, "", implanted.minusDays(30));
    PumpModel pump = r.nextBoolean() ? PumpModels.ITB_20 : PumpModels.ITB_40;
    int catheter = 30 + r.nextInt(40);
    h.createUpdate("INSERT INTO implant(patient_id, pump_model, serial, catheter_model, catheter_length_cm, implant_date) "
            + "VALUES (:p, :m, :s, :c, :l, :d)")
        .bind("p", id).bind("m", pump.name()).bind("s", String.format("NIT%07d", index * 7919 % 10_000_000))
        .bind("c", CatheterModel.GENERIC.name()).bind("l", catheter).bind("d", implanted.toLocalDate()).execute();
    h.createUpdate("INSERT INTO screening_trial(patient_id, at, dose_ng, ashworth_before, ashworth_after, penn_before, penn_after, "
            + "effect_hours, recorded_by) VALUES (:p, :at, 50000, '3', '1+', 3, 1, 6, 'demo-seed')")
        .bind("p", id).bind("at", implanted.minusDays(14)).execute();
    var limits = DrugLibrary.baclofen().limits(etiology);
    long lo = limits.softMin().nanogramsPerDay() / 1000;
    long hi = limits.softMax().nanogramsPerDay() / 1000;
    DoseRate dose = DoseRate.ofMicrogramsPerDay(lo + r.nextInt((int) (hi - lo) / 2));
    Concentration c500 = Concentration.ofMicrogramsPerMillilitre(500);
    Records.insertPrescription(h, id, implanted, "baclofen", c500, dose, pump.defaultLowReservoirAlarm(), "demo-seed");
    Refills refills = new Refills(null, clock);
    LocalDateTime at = implanted;
    Refills.Outcome o = refills.perform(h, id, at, Volume.ZERO, pump.reservoir(), Optional.of(Volume.ZERO), Optional.empty(),
        Optional.empty(), SEEDER, "seed", Optional.empty());
    boolean switched = false;
    while (true) {
      long daysToBy = ChronoUnit.DAYS.between(at, o.plan().refillBy());
      LocalDateTime next = at.plusDays(Math.max(14, 20 + r.nextInt((int) Math.max(1, daysToBy + 4)))).withHour(9 + r.nextInt(7));
      if (next.isAfter(now)) {
        break;
      }
      Optional<Concentration> conc = Optional.empty();
      Optional<DoseRate> newDose = Optional.empty();
      boolean switchNow = !switched && r.nextInt(6) == 0;
      if (switchNow) {
        // a small dose stays at the dilute strength: at 2000 mcg/mL it is below the pump's lowest rate (the live pumps refuse it)
        if (programmable(pump, dose, STRONG)) {
          conc = Optional.of(STRONG);
          switched = true;
        }
      } else if (r.nextInt(4) == 0) {
        long mcg = Math.min(hi, dose.nanogramsPerDay() / 1000 * (100 + r.nextInt(15)) / 100);
        dose = DoseRate.ofMicrogramsPerDay(mcg);
        newDose = Optional.of(dose);
      }
      Volume expected = Refills.expectedFromLastRefill(h, id, next).orElse(Volume.ZERO);
      long noise = (r.nextInt(21) - 10) * 50_000L + (r.nextInt(25) == 0 ? 2_500_000L : 0);
      Volume withdrawn = Volume.ofNanolitres(Math.max(0, expected.nanolitres() + noise));
      o = refills.perform(h, id, next, withdrawn, pump.reservoir(), Optional.empty(), conc, newDose, SEEDER, "seed", Optional.empty());
      at = next;
    }
    h.createUpdate("UPDATE refill SET resolved = TRUE WHERE patient_id = :p AND flagged = TRUE AND at < :recent")
        .bind("p", id).bind("recent", now.minusDays(60)).execute();
    extras(h, id, now, implanted, r);
    if (index <= BATTERY_PATIENTS) {
      batteryHistory(h, id, implanted, pump);
    }
    return id;
  }

  /**
   * Stores an interrogation session record (the programmer's own JSON form) at the first refill
   * visit of every {@value #BATTERY_EVERY_DAYS} days, so the battery chart has a history. The
   * charge falls linearly from 100 % at implant to {@value #ERI_PERCENT} % at the ERI date (or over
   * the model's maximum service life when no ERI is recorded yet); no randomness, so the other demo
   * data stay as they were.
   */
  private static void batteryHistory(Handle h, long id, LocalDateTime implanted, PumpModel pump) {
    Map<String, Object> imp = h.createQuery("SELECT serial, eri_date FROM implant WHERE patient_id = :p").bind("p", id).mapToMap().one();
    String serial = (String) imp.get("serial");
    LocalDate eri = Rows.date(imp.get("eri_date"));
    LocalDateTime end = eri != null ? eri.atStartOfDay() : implanted.plus(pump.maxServiceLife());
    long lifeMinutes = Math.max(1, ChronoUnit.MINUTES.between(implanted, end));
    List<LocalDateTime> visits = h.createQuery("SELECT at FROM refill WHERE patient_id = :p ORDER BY at").bind("p", id)
        .map((rs, ctx) -> rs.getTimestamp(1).toLocalDateTime()).list();
    LocalDateTime last = null;
    for (LocalDateTime at : visits) {
      if (last != null && ChronoUnit.DAYS.between(last, at) < BATTERY_EVERY_DAYS) {
        continue;
      }
      last = at;
      long used = Math.min(lifeMinutes, ChronoUnit.MINUTES.between(implanted, at)) * (BatteryHistory.MAX_PERCENT - ERI_PERCENT) / lifeMinutes;
      int percent = (int) (BatteryHistory.MAX_PERCENT - used);
      boolean pastEri = eri != null && !at.toLocalDate().isBefore(eri);
      SessionRecord.InterrogationEntry entry = new SessionRecord.InterrogationEntry(at.toInstant(java.time.ZoneOffset.UTC).toEpochMilli(),
          at.toString(), "", DeliveryState.DELIVERING.name(), 0, "", (pastEri ? BatteryState.ELECTIVE_REPLACEMENT : BatteryState.OK).name(),
          percent, false, false, List.of(), 0, "", null, List.of());
      SessionRecord record = new SessionRecord(SessionRecord.SCHEMA_VERSION, "INTERROGATE", serial, "demo-history",
          new SessionRecord.Person(SEEDER.username(), ClinicalRole.PHYSICIAN.name()), List.of(entry), List.of(), List.of(), List.of(),
          null, null, null);
      SessionRecordRows.insert(h, id, at, SessionRecord.SCHEMA_VERSION, SessionRecords.toJson(record), SEEDER.username(), null, null).execute();
    }
  }

  /** The strong concentration some demo patients switch to (fewer refills). */
  static final Concentration STRONG = Concentration.ofMicrogramsPerMillilitre(2000);

  /** True when {@code pump} can deliver {@code dose} at {@code c}: its delivery rate is not below the pump's lowest rate. */
  static boolean programmable(PumpModel pump, DoseRate dose, Concentration c) {
    return dose.volumeRateAt(c, Rounding.DOWN).nanolitresPerDay() >= pump.minRate().nanolitresPerDay();
  }

  private static void extras(Handle h, long id, LocalDateTime now, LocalDateTime implanted, Random r) {
    if (r.nextInt(5) == 0) {
      h.createUpdate("INSERT INTO mri_scan(patient_id, scan_at, field_strength) VALUES (:p, :at, '1.5 T')")
          .bind("p", id).bind("at", now.minusDays(r.nextInt(5)).minusHours(3)).execute();
    }
    if (r.nextInt(4) == 0) {
      h.createUpdate("INSERT INTO alarm(patient_id, at, kind, critical, cleared_at) VALUES (:p, :at, 'LOW_RESERVOIR', FALSE, :c)")
          .bind("p", id).bind("at", now.minusDays(30)).bind("c", now.minusDays(29)).execute();
    }
    if (ChronoUnit.DAYS.between(implanted, now) > 365L * 4) {
      LocalDate eri = now.toLocalDate().minusDays(r.nextInt(60));
      h.createUpdate("UPDATE implant SET eri_date = :e WHERE patient_id = :p").bind("e", eri).bind("p", id).execute();
      h.createUpdate("INSERT INTO replacement(patient_id, eri_date, end_of_service) VALUES (:p, :e, :eos)")
          .bind("p", id).bind("e", eri).bind("eos", eri.plusDays(PumpModels.ITB_20.eriToEndOfService().toDays())).execute();
    }
  }
}
