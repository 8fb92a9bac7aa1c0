// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.store.Rows;

/** A patient's current implant and prescription, read from the database, as therapy types. */
public record Therapy(long implantId, PumpModel pump, String serial, int catheterLengthCm, LocalDate implantDate, LocalDate eriDate,
    Optional<Current> prescription) {

  /** The prescription in force. */
  public record Current(long id, Prescription prescription, Volume alarmVolume) {
    /** The daily total (time-weighted over flex steps; the dose itself for a simple prescription). */
    public DoseRate dose() {
      return PrescriptionForm.dailyTotal(prescription);
    }

    public Concentration concentration() {
      return prescription.concentration();
    }
  }

  static Optional<Therapy> load(Handle h, long patientId) {
    Optional<Map<String, Object>> imp = h.createQuery("SELECT * FROM implant WHERE patient_id = :p AND explant_date IS NULL "
            + "ORDER BY implant_date DESC, id DESC LIMIT 1").bind("p", patientId).mapToMap().findOne();
    if (imp.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> i = imp.get();
    Optional<Current> rx = h.createQuery("SELECT * FROM prescription WHERE patient_id = :p ORDER BY start_at DESC, id DESC LIMIT 1")
        .bind("p", patientId).mapToMap().findOne()
        .map(r -> new Current(Rows.num(r.get("id")),
            PrescriptionForm.stored(DrugLibrary.standard().drug((String) r.get("drug")),
                new Concentration(Rows.num(r.get("concentration_ng_per_ml"))), new DoseRate(Rows.num(r.get("dose_ng_per_day"))),
                (String) r.get("flex"), (String) r.get("patient_bolus")),
            Volume.ofNanolitres(Rows.num(r.get("alarm_volume_nl")))));
    return Optional.of(new Therapy(Rows.num(i.get("id")), PumpModels.byName((String) i.get("pump_model")), (String) i.get("serial"),
        (int) Rows.num(i.get("catheter_length_cm")), Rows.date(i.get("implant_date")), Rows.date(i.get("eri_date")), rx));
  }

  public static Therapy require(Handle h, long patientId) {
    return load(h, patientId).orElseThrow(() -> ApiException.conflict(
        "patient " + patientId + " has no active implant; record the implant (POST /api/patients/" + patientId + "/implants) first"));
  }

  public Current requirePrescription() {
    return prescription.orElseThrow(() -> ApiException.conflict("no prescription yet; record one (POST .../prescriptions) first"));
  }

  Volume deadVolume() {
    return pump.pumpTubing().plus(CatheterModel.GENERIC.volume(catheterLengthCm));
  }

  public static Etiology doseEtiology(String etiology, String ageGroup) {
    return AgeGroup.valueOf(ageGroup) == AgeGroup.CHILD ? Etiology.PAEDIATRIC : Etiology.valueOf(etiology);
  }
}
