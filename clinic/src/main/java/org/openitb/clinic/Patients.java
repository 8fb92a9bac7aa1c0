// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.therapy.drug.Etiology;

/** Patient records: create, read, search, and update under optimistic locking (a version column). */
final class Patients {
  static final int MAX_NAME = 200;
  static final int MAX_MRN = 64;
  static final int MAX_NOTES = 2000;
  private final Jdbi jdbi;
  private final Clock clock;

  Patients(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  Map<String, Object> create(Body b, Principal who, String ip) {
    String mrn = b.text("mrn", MAX_MRN);
    String name = b.text("name", MAX_NAME);
    Etiology etiology = b.choice("etiology", Etiology.class);
    AgeGroup age = b.choice("ageGroup", AgeGroup.class);
    long grams = Weight.grams(b.text("weight", 32));
    String notes = b.optText("notes", MAX_NOTES, "");
    long id = jdbi.inTransaction(h -> {
      if (h.createQuery("SELECT COUNT(*) FROM patient WHERE mrn = :m").bind("m", mrn).mapTo(Long.class).one() > 0) {
        throw ApiException.conflict("a patient with MRN " + mrn + " already exists; open that record instead");
      }
      long newId = insert(h, mrn, name, etiology, age, grams, notes, LocalDateTime.now(clock));
      Audit.record(h, clock, who, ip, "create", "patient", newId, "mrn=" + mrn + " name=" + name);
      return newId;
    });
    return get(id);
  }

  static long insert(Handle h, String mrn, String name, Etiology etiology, AgeGroup age, long grams, String notes, LocalDateTime at) {
    return h.createUpdate("INSERT INTO patient(mrn, name, etiology, age_group, weight_grams, notes, version, created_at) "
            + "VALUES (:mrn, :name, :e, :a, :w, :notes, 1, :at)")
        .bind("mrn", mrn).bind("name", name).bind("e", etiology.name()).bind("a", age.name()).bind("w", grams)
        .bind("notes", notes).bind("at", at)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  Map<String, Object> get(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM patient WHERE id = :id").bind("id", id).mapToMap().findOne())
        .map(Rows::clean).orElseThrow(() -> ApiException.notFound("patient " + id));
  }

  List<Map<String, Object>> search(String q, int limit) {
    String like = "%" + (q == null ? "" : q.toLowerCase(java.util.Locale.ROOT)) + "%";
    return Rows.cleanAll(jdbi.withHandle(h -> h.createQuery("SELECT id, mrn, name, etiology, age_group, version FROM patient "
            + "WHERE LOWER(name) LIKE :q OR LOWER(mrn) LIKE :q ORDER BY name, id LIMIT :lim")
        .bind("q", like).bind("lim", limit).mapToMap().list()));
  }

  /** Updates name, weight, etiology, age group and notes if {@code version} is still current; 409 otherwise. */
  Map<String, Object> update(long id, Body b, Principal who, String ip) {
    long version = b.integer("version", 1, Integer.MAX_VALUE);
    Map<String, Object> current = get(id);
    String name = b.optText("name", MAX_NAME, (String) current.get("name"));
    Etiology etiology = b.has("etiology") ? b.choice("etiology", Etiology.class) : Etiology.valueOf((String) current.get("etiology"));
    AgeGroup age = b.has("ageGroup") ? b.choice("ageGroup", AgeGroup.class) : AgeGroup.valueOf((String) current.get("age_group"));
    long grams = b.has("weight") ? Weight.grams(b.text("weight", 32)) : Rows.num(current.get("weight_grams"));
    String notes = b.optText("notes", MAX_NOTES, (String) current.get("notes"));
    jdbi.useTransaction(h -> {
      int n = h.createUpdate("UPDATE patient SET name = :name, etiology = :e, age_group = :a, weight_grams = :w, notes = :notes, "
              + "version = version + 1 WHERE id = :id AND version = :v")
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
