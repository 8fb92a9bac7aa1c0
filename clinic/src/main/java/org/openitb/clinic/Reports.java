// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

/** The patient's PDFs: the wallet-size pump ID card, a refill record and a discharge sheet. */
final class Reports {
  static final float CARD_MARGIN = 9f;
  static final float CARD_HEADING = 8.5f;
  static final float CARD_TEXT = 7.5f;
  static final float CARD_SMALL = 6f;
  static final float CARD_BACK = 6.3f;
  static final float PAGE_MARGIN = 50f;
  static final String WITHDRAWAL = "WITHDRAWAL (pump empty, stopped, battery end, catheter fault): itching without rash, return of "
      + "spasticity, fever, fast heart rate, confusion. Can progress over 24-72 h to rhabdomyolysis and organ failure. "
      + "EMERGENCY: restore intrathecal baclofen; oral baclofen is unreliable; benzodiazepines as bridge.";
  static final String OVERDOSE = "OVERDOSE: floppiness, drowsiness, slow or shallow breathing, low blood pressure, coma. "
      + "EMERGENCY: airway and breathing support; stop the pump via the clinic; contact the ITB team.";
  static final String MRI = "MRI: 1.5 T horizontal closed bore only. The pump stops during the scan; it must be interrogated "
      + "after the scan to confirm it resumed. Do not program 'stopped' before MRI. Contact the clinic before any MRI.";
  private final Jdbi jdbi;
  private final Clock clock;

  Reports(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Everything printed about a patient's current therapy. */
  record Card(Map<String, Object> patient, Therapy therapy, Map<String, Object> lastRefill) {
    String dose() {
      return therapy.prescription().map(c -> c.dose().toString()).orElse("not prescribed");
    }

    String concentration() {
      return therapy.prescription().map(c -> c.concentration().toString()).orElse("-");
    }

    String drug() {
      return therapy.prescription().map(c -> c.prescription().drug().name()).orElse("-");
    }

    String alarmDate() {
      return lastRefill == null || lastRefill.get("alarm_at") == null ? "-" : date(lastRefill.get("alarm_at"));
    }

    String refillBy() {
      return lastRefill == null ? "-" : date(lastRefill.get("refill_by"));
    }

    static String date(Object v) {
      return Rows.dateTime(v).toLocalDate().toString();
    }
  }

  Card card(long patientId) {
    return jdbi.withHandle(h -> {
      Map<String, Object> p = h.createQuery("SELECT * FROM patient WHERE id = :id").bind("id", patientId).mapToMap().findOne()
          .orElseThrow(() -> ApiException.notFound("patient " + patientId));
      Therapy t = Therapy.require(h, patientId);
      Map<String, Object> r = h.createQuery("SELECT * FROM refill WHERE patient_id = :p ORDER BY at DESC, id DESC LIMIT 1")
          .bind("p", patientId).mapToMap().findOne().orElse(null);
      return new Card(p, t, r);
    });
  }

  byte[] idCard(long patientId) {
    Card c = card(patientId);
    try (Pdf pdf = new Pdf(Pdf.WALLET, CARD_MARGIN)) {
      pdf.heading("INTRATHECAL BACLOFEN PUMP - ID CARD", CARD_HEADING)
          .text("Patient: " + c.patient().get("name") + "  MRN: " + c.patient().get("mrn"), CARD_TEXT)
          .text("Device: " + c.therapy().pump().name() + " pump, serial " + c.therapy().serial(), CARD_TEXT)
          .text("Implanted: " + c.therapy().implantDate(), CARD_TEXT)
          .text("Drug: " + c.drug() + "   Concentration: " + c.concentration(), CARD_TEXT)
          .text("Dose: " + c.dose(), CARD_TEXT)
          .heading("Alarm date: " + c.alarmDate() + "   Refill by: " + c.refillBy(), CARD_HEADING)
          .text("Two-tone alarm = critical (pump stopped or empty): call the clinic now.", CARD_SMALL)
          .text("Printed " + LocalDateTime.now(clock).toLocalDate() + ". Emergency notes and MRI on the back.", CARD_SMALL);
      pdf.newPage();
      pdf.text(WITHDRAWAL, CARD_BACK).gap(1.5f).text(OVERDOSE, CARD_BACK).gap(1.5f).text(MRI, CARD_BACK);
      return pdf.bytes();
    }
  }

  byte[] refillRecord(long patientId, long refillId) {
    Card c = card(patientId);
    Map<String, Object> r = jdbi.withHandle(h -> h.createQuery("SELECT * FROM refill WHERE id = :id AND patient_id = :p")
        .bind("id", refillId).bind("p", patientId).mapToMap().findOne())
        .orElseThrow(() -> ApiException.notFound("refill " + refillId + " of patient " + patientId));
    try (Pdf pdf = new Pdf(PDRectangle.A4, PAGE_MARGIN)) {
      pdf.heading("ITB refill record", 16).gap(6)
          .text("Patient: " + c.patient().get("name") + " (MRN " + c.patient().get("mrn") + ")", 11)
          .text("Refill at: " + Rows.dateTime(r.get("at")) + " by " + r.get("performed_by"), 11)
          .text("Pump: " + r.get("pump_model") + " serial " + c.therapy().serial(), 11).gap(6)
          .heading("Reconciliation", 12)
          .text("Expected: " + vol(r, "expected_nl") + "   Withdrawn: " + vol(r, "withdrawn_nl") + "   Discrepancy: "
              + vol(r, "discrepancy_nl") + " (limit " + vol(r, "discrepancy_limit_nl") + ")", 11)
          .text(Boolean.TRUE.equals(r.get("flagged")) ? "FLAGGED: " + r.get("interpretation") : "Within limit.", 11).gap(6)
          .heading("New fill", 12)
          .text("Fill: " + vol(r, "fill_nl") + "   Concentration: " + new Concentration(Rows.num(r.get("concentration_ng_per_ml")))
              + "   Dose: " + new DoseRate(Rows.num(r.get("dose_ng_per_day"))), 11)
          .text(r.get("bridge") == null ? "No concentration change." : (String) r.get("bridge"), 11).gap(6)
          .heading("Alarm date: " + (r.get("alarm_at") == null ? "-" : Rows.dateTime(r.get("alarm_at")).toString())
              + "    Conservative: " + (r.get("conservative_alarm_at") == null ? "-" : Rows.dateTime(r.get("conservative_alarm_at")).toString()), 11)
          .heading("Refill by: " + Rows.dateTime(r.get("refill_by")).toLocalDate(), 13)
          .gap(20).text("Second person check: ______________________   Signature: ______________________", 10);
      return pdf.bytes();
    }
  }

  byte[] dischargeSheet(long patientId) {
    Card c = card(patientId);
    List<Map<String, Object>> mri = jdbi.withHandle(h -> h.createQuery(
        "SELECT scan_at FROM mri_scan WHERE patient_id = :p AND checked_at IS NULL").bind("p", patientId).mapToMap().list());
    try (Pdf pdf = new Pdf(PDRectangle.A4, PAGE_MARGIN)) {
      pdf.heading("Intrathecal baclofen - discharge information", 16).gap(6)
          .text("Patient: " + c.patient().get("name") + " (MRN " + c.patient().get("mrn") + ")", 11)
          .text("Pump model: " + c.therapy().pump().name() + "   Reservoir size: " + c.therapy().pump().reservoir()
              + "   Serial: " + c.therapy().serial(), 11)
          .text("Drug: " + c.drug() + "   Concentration: " + c.concentration() + "   Current dose: " + c.dose(), 11)
          .heading("Low-reservoir alarm date: " + c.alarmDate(), 12)
          .heading("Refill-by date: " + c.refillBy(), 12).gap(6)
          .text("Book the refill before the refill-by date; book about a week early if travel or weather may delay you.", 11)
          .text("Single tone about hourly = reservoir low or replacement due: call the clinic. Two tones = critical: call now.", 11)
          .gap(6).heading("Emergencies", 12).text(Reports.WITHDRAWAL, 10).text(Reports.OVERDOSE, 10).text(Reports.MRI, 10);
      if (!mri.isEmpty()) {
        pdf.text("A post-MRI pump check is still pending.", 11);
      }
      return pdf.bytes();
    }
  }

  private static String vol(Map<String, Object> r, String col) {
    return Volume.ofNanolitres(Rows.num(r.get(col))).toString();
  }
}
