// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.therapy.drug.Etiology;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.store.Rows;
import org.openitb.clinic.store.UniqueViolation;

/** Patient records: create, read, search, and update under optimistic locking (a version column). */
public final class Patients {
  static final int MAX_NAME = 200;
  static final int MAX_MRN = 64;
  static final int MAX_NOTES = 2000;
  private final Jdbi jdbi;
  private final Clock clock;

  public Patients(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public Responses.Patient create(Body b, Principal who, String ip) {
    String mrn = b.text("mrn", MAX_MRN);
    String name = b.text("name", MAX_NAME);
    Etiology etiology = b.choice("etiology", Etiology.class);
    AgeGroup age = b.choice("ageGroup", AgeGroup.class);
    long grams = Weight.grams(b.text("weight", 32));
    String notes = b.optText("notes", MAX_NOTES, "");
    Extra extra = extra(b, new Extra(null, null, null));
    long id = jdbi.inTransaction(h -> {
      if (h.createQuery("SELECT COUNT(*) FROM patient WHERE mrn = :m").bind("m", mrn).mapTo(Long.class).one() > 0) {
        throw ApiException.conflict("a patient with MRN " + mrn + " already exists; open that record instead");
      }
      long newId;
      try {
        newId = insert(h, mrn, name, etiology, age, grams, notes, LocalDateTime.now(clock));
      } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
        // two registrations of one MRN at once: the unique MRN let the first in; this one is told which record holds it
        if (UniqueViolation.in(e).isPresent()) {
          throw ApiException.conflict("a patient with MRN " + mrn + " was registered at the same moment by someone else; open that record instead");
        }
        throw e;
      }
      h.createUpdate("UPDATE patient SET date_of_birth = :dob, catheter_tip = :tip, contact = :c WHERE id = :id").bind("dob", extra.dob())
          .bind("tip", extra.tip()).bind("c", extra.contact()).bind("id", newId).execute();
      Audit.record(h, clock, who, ip, "create", "patient", newId, "mrn=" + mrn + " name=" + name);
      return newId;
    });
    return get(id);
  }

  /** Spinal levels a catheter tip is placed at (cervical to lumbar). */
  static final java.util.regex.Pattern TIP = java.util.regex.Pattern.compile("(C[1-7]|T([1-9]|1[0-2])|L[1-5])");

  /** Date of birth, catheter tip level and contact: optional demographics. */
  record Extra(java.time.LocalDate dob, String tip, String contact) {}

  private Extra extra(Body b, Extra current) {
    java.time.LocalDate dob = current.dob();
    if (b.has("dateOfBirth")) {
      dob = b.date("dateOfBirth");
      if (dob.isAfter(LocalDateTime.now(clock).toLocalDate()) || dob.isBefore(java.time.LocalDate.of(1900, 1, 1))) {
        throw ApiException.badRequest("date of birth out of range", "dateOfBirth", dob.toString(), "1900-01-01 to today");
      }
    }
    String tip = current.tip();
    if (b.has("catheterTip")) {
      tip = b.text("catheterTip", 8).toUpperCase(java.util.Locale.ROOT);
      if (!TIP.matcher(tip).matches()) {
        throw ApiException.badRequest("not a spinal level", "catheterTip", tip, "C1-C7, T1-T12, L1-L5");
      }
    }
    String contact = b.has("contact") ? b.text("contact", 400) : current.contact();
    return new Extra(dob, tip, contact);
  }

  public static long insert(Handle h, String mrn, String name, Etiology etiology, AgeGroup age, long grams, String notes, LocalDateTime at) {
    return h.createUpdate("INSERT INTO patient(mrn, name, etiology, age_group, weight_grams, notes, version, created_at) "
            + "VALUES (:mrn, :name, :e, :a, :w, :notes, 1, :at)")
        .bind("mrn", mrn).bind("name", name).bind("e", etiology.name()).bind("a", age.name()).bind("w", grams)
        .bind("notes", notes).bind("at", at)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  public Responses.Patient get(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM patient WHERE id = :id").bind("id", id).mapToMap().findOne())
        .map(Responses.Patient::of).orElseThrow(() -> ApiException.notFound("patient " + id));
  }

  public List<Responses.PatientSummary> search(String q, int limit) {
    String like = "%" + (q == null ? "" : q.toLowerCase(java.util.Locale.ROOT)) + "%";
    return jdbi.withHandle(h -> h.createQuery("SELECT id, mrn, name, etiology, age_group, date_of_birth, version FROM patient "
            + "WHERE LOWER(name) LIKE :q OR LOWER(mrn) LIKE :q ORDER BY name, id LIMIT :lim")
        .bind("q", like).bind("lim", limit).mapToMap().list()).stream().map(Responses.PatientSummary::of).toList();
  }

  /** Updates name, weight, etiology, age group and notes if {@code version} is still current; 409 otherwise. */
  public Responses.Patient update(long id, Body b, Principal who, String ip) {
    long version = b.integer("version", 1, Integer.MAX_VALUE);
    Responses.Patient current = get(id);
    String name = b.optText("name", MAX_NAME, current.name());
    Etiology etiology = b.has("etiology") ? b.choice("etiology", Etiology.class) : Etiology.valueOf(current.etiology());
    AgeGroup age = b.has("ageGroup") ? b.choice("ageGroup", AgeGroup.class) : AgeGroup.valueOf(current.ageGroup());
    long grams = b.has("weight") ? Weight.grams(b.text("weight", 32)) : current.weightGrams();
    String notes = b.optText("notes", MAX_NOTES, current.notes());
    Extra extra = extra(b, new Extra(Rows.date(current.dateOfBirth()), current.catheterTip(), current.contact()));
    jdbi.useTransaction(h -> {
      int n = h.createUpdate("UPDATE patient SET name = :name, etiology = :e, age_group = :a, weight_grams = :w, notes = :notes, "
              + "date_of_birth = :dob, catheter_tip = :tip, contact = :c, version = version + 1 WHERE id = :id AND version = :v")
          .bind("dob", extra.dob()).bind("tip", extra.tip()).bind("c", extra.contact())
          .bind("name", name).bind("e", etiology.name()).bind("a", age.name()).bind("w", grams).bind("notes", notes)
          .bind("id", id).bind("v", version).execute();
      if (n == 0) {
        long now = h.createQuery("SELECT version FROM patient WHERE id = :id").bind("id", id).mapTo(Long.class).one();
        throw ApiException.conflict("patient " + id + " was changed by someone else (your version " + version
            + ", current version " + now + "); reload the record, re-apply your change and save again");
      }
      Audit.record(h, clock, who, ip, "update", "patient", id,
          "version " + version + "->" + (version + 1) + " name=" + name + " etiology=" + etiology + " ageGroup=" + age
              + " weightGrams=" + grams);
    });
    return get(id);
  }
}
