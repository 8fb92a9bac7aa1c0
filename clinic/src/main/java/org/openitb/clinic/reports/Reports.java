// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openitb.therapy.calc.RefillCalculator;
import org.openitb.therapy.calc.RefillPlan;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.records.Refills;
import org.openitb.clinic.records.Forecasts;
import org.openitb.clinic.records.Therapy;
import org.openitb.clinic.store.Rows;
import org.openitb.clinic.store.Text;

/** The patient's PDFs: the wallet-size pump ID card, a refill record and a discharge sheet. */
public final class Reports {
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
  static final String MRI = "MRI: field strength ≤ 1.5 T, horizontal closed bore only. The pump stops during the scan; it must be interrogated "
      + "after the scan to confirm it resumed. Do not program 'stopped' before MRI. Contact the clinic before any MRI.";
  private final Jdbi jdbi;
  private final Clock clock;

  public Reports(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Everything printed about a patient's current therapy, with the dates that follow from it. */
  record Card(Map<String, Object> patient, Therapy therapy, Map<String, Object> lastRefill, Optional<RefillPlan> lastRefillPlan,
      Optional<RefillPlan> implantFill, Optional<LocalDate> endOfService, Map<String, Object> settings) {
    String dose() {
      return therapy.prescription().map(c -> c.dose().toString()).orElse("not prescribed");
    }

    String concentration() {
      return therapy.prescription().map(c -> c.concentration().toString()).orElse("-");
    }

    String drug() {
      return therapy.prescription().map(c -> c.prescription().drug().name()).orElse("-");
    }

    /** The low-reservoir alarm date of the last refill, or of the fill at implant when there has been no refill. */
    String alarmDate() {
      if (lastRefill != null) {
        return lastRefill.get("alarm_at") == null ? "none expected before the refill-by date" : date(lastRefill.get("alarm_at"));
      }
      return implantFill.flatMap(RefillPlan::alarmAt).map(t -> Text.date(t.toLocalDate()) + " (from the fill at implant)")
          .orElse("set at the first refill");
    }

    Optional<LocalDate> refillByDate() {
      if (lastRefill != null) {
        return Optional.of(Rows.dateTime(lastRefill.get("refill_by")).toLocalDate());
      }
      return implantFill.map(p -> p.refillBy().toLocalDate());
    }

    /** True when the pump reaches end of service before (or on) the refill-by date: the next visit is its replacement. */
    boolean replacementFirst() {
      return endOfService.isPresent() && refillByDate().map(r -> !endOfService.get().isAfter(r)).orElse(true);
    }

    /** The next thing due, in words: the refill-by date, or "REPLACEMENT DUE" when the battery ends first. */
    String nextDue() {
      if (replacementFirst()) {
        return "REPLACEMENT DUE by " + Text.date(endOfService.get()) + " (battery end of service)";
      }
      return "Refill by: " + refillByDate().map(Text::date).orElse("set at the first refill");
    }

    String clinic() {
      return settings.get(ClinicSettings.NAME) + ", 24/7: " + settings.get(ClinicSettings.PHONE);
    }

    /**
     * The reservoir plan behind the printed dates: of the last refill (computed again from its row, exactly as the
     * refill computed it), or of the fill at implant before the first refill.
     */
    Optional<RefillPlan> plan() {
      return lastRefill == null ? implantFill : lastRefillPlan;
    }

    /** When the pump stops delivering if it is not refilled (its stop volume, not the empty reservoir), or empty. */
    Optional<LocalDateTime> deliveryStopsAt() {
      return plan().flatMap(RefillPlan::deliveryStopsAt);
    }

    /** The same with every allowed patient bolus used, when that is earlier. */
    Optional<LocalDateTime> conservativeDeliveryStopsAt() {
      return plan().flatMap(RefillPlan::conservativeDeliveryStopsAt).filter(c -> deliveryStopsAt().map(c::isBefore).orElse(false));
    }

    static String date(Object v) {
      return Text.date(Rows.dateTime(v).toLocalDate());
    }
  }

  Card card(long patientId) {
    return jdbi.withHandle(h -> {
      Map<String, Object> p = h.createQuery("SELECT * FROM patient WHERE id = :id").bind("id", patientId).mapToMap().findOne()
          .orElseThrow(() -> ApiException.notFound("patient " + patientId));
      Therapy t = Therapy.require(h, patientId);
      Map<String, Object> r = h.createQuery("SELECT * FROM refill WHERE patient_id = :p ORDER BY at DESC, id DESC LIMIT 1")
          .bind("p", patientId).mapToMap().findOne().orElse(null);
      // A new implant is filled in theatre: until the first refill its dates follow from a full reservoir at implant.
      Optional<RefillPlan> implantFill = r != null ? Optional.empty() : t.prescription().map(rx -> RefillCalculator.plan(t.pump(),
          t.pump().reservoir(), t.implantDate().atTime(LocalTime.NOON), rx.prescription(), rx.alarmVolume(), RefillCalculator.DEFAULT_BUFFER_DAYS));
      Optional<LocalDate> eos = Optional.ofNullable(t.eriDate()).map(eri -> eri.plusDays(t.pump().eriToEndOfService().toDays()));
      // the last refill's plan through any dose change since (its row's dates follow the same, Forecasts.afterPrescription)
      Optional<RefillPlan> lastPlan = r == null ? Optional.empty() : Optional.of(Forecasts.of(h, r));
      return new Card(p, t, r, lastPlan, implantFill, eos, ClinicSettings.read(h));
    });
  }

  public byte[] idCard(long patientId) {
    Card c = card(patientId);
    try (Pdf pdf = new Pdf(Pdf.WALLET, CARD_MARGIN)) {
      pdf.heading("INTRATHECAL BACLOFEN PUMP - ID CARD", CARD_HEADING)
          .text("Patient: " + c.patient().get("name") + "  MRN: " + c.patient().get("mrn"), CARD_TEXT)
          .text("Device: " + c.therapy().pump().name() + " pump, serial " + c.therapy().serial(), CARD_TEXT)
          .text("Implanted: " + Text.date(c.therapy().implantDate()), CARD_TEXT)
          .text("Drug: " + c.drug() + "   Concentration: " + c.concentration(), CARD_TEXT)
          .text("Dose: " + c.dose(), CARD_TEXT)
          .heading("Alarm date: " + c.alarmDate(), CARD_TEXT)
          .heading(c.nextDue(), CARD_HEADING)
          .text(c.deliveryStopsAt().map(t -> "If not refilled, the pump STOPS giving baclofen on " + Text.dateTime(t) + ".")
              .orElse("Pump stop date: set at the first refill."), CARD_TEXT)
          .text("Two-tone alarm = critical (pump stopped or empty): call the clinic now.", CARD_SMALL)
          .text(c.clinic(), CARD_SMALL)
          .text("Printed " + Text.date(LocalDateTime.now(clock).toLocalDate()) + ". Emergency notes and MRI on the back.", CARD_SMALL);
      pdf.newPage();
      pdf.text(WITHDRAWAL, CARD_BACK).gap(1.5f).text(OVERDOSE, CARD_BACK).gap(1.5f).text(MRI, CARD_BACK).gap(1.5f).text(c.clinic(), CARD_BACK);
      return pdf.bytes();
    }
  }

  public byte[] refillRecord(long patientId, long refillId) {
    Card c = card(patientId);
    Map<String, Object> r = jdbi.withHandle(h -> h.createQuery("SELECT * FROM refill WHERE id = :id AND patient_id = :p")
        .bind("id", refillId).bind("p", patientId).mapToMap().findOne())
        .orElseThrow(() -> ApiException.notFound("refill " + refillId + " of patient " + patientId));
    try (Pdf pdf = new Pdf(PDRectangle.A4, PAGE_MARGIN)) {
      pdf.heading("ITB refill record", 16).gap(6)
          .text("Patient: " + c.patient().get("name") + " (MRN " + c.patient().get("mrn") + ")", 11)
          .text("Refill at: " + Text.dateTime(Rows.dateTime(r.get("at"))) + " by " + r.get("performed_by"), 11)
          .text("Pump: " + r.get("pump_model") + " serial " + c.therapy().serial(), 11).gap(6)
          .heading("Reconciliation", 12)
          .text("Expected: " + vol(r, "expected_nl") + "   Withdrawn: " + vol(r, "withdrawn_nl") + "   Discrepancy: "
              + vol(r, "discrepancy_nl") + " (limit " + vol(r, "discrepancy_limit_nl") + ")", 11)
          .text(Boolean.TRUE.equals(r.get("flagged")) ? "FLAGGED: " + r.get("interpretation") : "Within limit.", 11).gap(6)
          .heading("New fill", 12)
          .text("Fill: " + vol(r, "fill_nl") + "   Concentration: " + new Concentration(Rows.num(r.get("concentration_ng_per_ml")))
              + "   Dose: " + new DoseRate(Rows.num(r.get("dose_ng_per_day"))), 11)
          .text(r.get("bridge") == null ? "No concentration change." : (String) r.get("bridge"), 11).gap(6)
          .heading("Alarm date: " + Text.dateTime(Rows.dateTime(r.get("alarm_at")))
              + "    Conservative: " + Text.dateTime(Rows.dateTime(r.get("conservative_alarm_at"))), 11)
          .heading("Delivery stops: " + stops(jdbi.withHandle(h -> Forecasts.of(h, r))), 12)
          .text("If the pump is not refilled, it stops giving baclofen at this time (when the reservoir reaches the pump's "
              + "stop volume, before it is empty): withdrawal follows. The refill-by date keeps a safety margin before it.", 10)
          .heading("Refill by: " + Text.date(Rows.dateTime(r.get("refill_by")).toLocalDate()), 13)
          .gap(20).text(r.get("second_person") != null ? "Second person check: " + r.get("second_person")
              : "Second person check: ______________________   Signature: ______________________", 10);
      return pdf.bytes();
    }
  }

  /** A plan's stop instant for staff, with the conservative one when patient boluses make it earlier. */
  static String stops(RefillPlan p) {
    return p.deliveryStopsAt().map(t -> Text.dateTime(t) + p.conservativeDeliveryStopsAt().filter(t::isAfter)
        .map(c -> "    Conservative: " + Text.dateTime(c)).orElse("")).orElse("not at this dose");
  }

  /** The patient's own sheet in plain words: their pump, their dates, what the alarms mean, who to call. */
  public byte[] dischargeSheet(long patientId) {
    Card c = card(patientId);
    List<Map<String, Object>> mri = jdbi.withHandle(h -> h.createQuery(
        "SELECT scan_at FROM mri_scan WHERE patient_id = :p AND checked_at IS NULL").bind("p", patientId).mapToMap().list());
    try (Pdf pdf = new Pdf(PDRectangle.A4, PAGE_MARGIN)) {
      pdf.heading("Your baclofen pump", 18).text(c.settings().get(ClinicSettings.NAME).toString(), 11).gap(6)
          .text("For " + c.patient().get("name") + " (MRN " + c.patient().get("mrn") + ")", 11)
          .heading("Call us day or night: " + c.settings().get(ClinicSettings.PHONE), 14).gap(6)
          .heading("Your next appointment", 13)
          .text(c.replacementFirst()
              ? "Your pump's battery is near its end. It must be replaced by " + Text.date(c.endOfService().get())
                  + ". We will book the operation with you; please call us if you have not heard from us."
              : "Come for your refill by " + c.refillByDate().map(Text::date).orElse("the date we give you at your first refill")
                  + ". Please book it about a week before, and earlier if travel or weather may delay you.", 11)
          .text("The pump will start to beep (low-reservoir alarm) around " + c.alarmDate() + " if it has not been refilled.", 11)
          .heading(c.deliveryStopsAt().map(t -> "If it is not refilled, your pump stops giving you baclofen on " + Text.dateTime(t)
              + c.conservativeDeliveryStopsAt().map(e -> " (or from " + Text.dateTime(e) + " if you use every extra dose you are allowed)")
                  .orElse("") + ".").orElse("We will tell you at your first refill when your pump would run out."), 11)
          .text("Stopping suddenly is dangerous (see \"Too little medicine\" below): always come before then.", 11)
          .gap(6).heading("Your pump", 13)
          .text("Pump: " + c.therapy().pump().name() + " (holds " + c.therapy().pump().reservoir() + "), serial " + c.therapy().serial()
              + ", implanted " + Text.date(c.therapy().implantDate()), 11)
          .text("Medicine: " + c.drug() + " " + c.concentration() + ", " + c.dose(), 11)
          .text(c.endOfService().map(e -> "Battery: replacement due by " + Text.date(e) + ".").orElse("Battery: no replacement due yet."), 11)
          .gap(6).heading("If your pump beeps", 13)
          .text("One tone about every hour: the medicine is running low or the battery is ending. Call us the same day.", 11)
          .text("Two tones: the pump has stopped or is empty. Call us now; if you cannot reach us, go to an emergency department "
              + "and show your pump ID card.", 11)
          .gap(6).heading("Signs to act on", 13)
          .text("Too little medicine: itching, your stiffness or spasms come back, fever, a fast heartbeat or confusion. Call us now.", 11)
          .text("Too much medicine: very floppy or sleepy, slow breathing. Call an ambulance.", 11)
          .text("MRI scans: tell the scanner team you have a baclofen pump; only scanners with a field strength ≤ 1.5 T. "
              + "Call us before the scan; the pump must be checked by us after it.", 11)
          .gap(10).heading("For doctors", 10).text(Reports.WITHDRAWAL, 8).text(Reports.OVERDOSE, 8).text(Reports.MRI, 8);
      if (!mri.isEmpty()) {
        pdf.text("A pump check after your recent MRI scan is still due: please call us to book it.", 11);
      }
      return pdf.bytes();
    }
  }

  /** The refill worksheet, printed before the needle goes in: what to expect, the vial, and both signatures. */
  public static byte[] worksheet(Responses.Worksheet w, String lot, String expiry) {
    String blank = "______________";
    try (Pdf pdf = new Pdf(PDRectangle.A4, PAGE_MARGIN)) {
      pdf.heading("ITB refill worksheet", 16).text("Printed " + w.at(), 9).gap(6)
          .text("Patient: " + w.name() + " (MRN " + w.mrn() + ")", 11)
          .text("Pump: " + w.pump() + " (reservoir " + w.reservoir() + "), serial " + w.serial(), 11).gap(6)
          .heading("Before the needle goes in", 12)
          .heading("Expected residual volume: " + (w.expectedResidual() == null ? "read it from the programmer" : w.expectedResidual()),
              13)
          .text("Computed from " + w.expectedFrom() + " at " + w.dose() + ". A withdrawn volume that differs by more than "
              + w.discrepancyLimit() + " is flagged: stop and check the needle position before filling.", 10).gap(6)
          .heading("Drug", 12)
          .text("Prescribed: " + w.drug() + " " + w.concentration() + " at " + w.dose() + "; low-reservoir alarm "
              + w.lowReservoirAlarm(), 11)
          .text("Vial lot: " + (lot.isBlank() ? blank : lot) + "    Expiry: " + (expiry.isBlank() ? blank : expiry)
              + "    Concentration on the vial: " + blank, 11).gap(6)
          .heading("Refill", 12)
          .text("Withdrawn: " + blank + " mL    Discrepancy: " + blank + " mL    Filled: " + blank + " mL", 11).gap(14)
          .text("Performed by (name, signature): ____________________________________", 11).gap(10)
          .text("Second person check (name, signature): ______________________________", 11).gap(10)
          .text("Enter the result in the clinic (refill form or programmer refill); the next due date is set from it.", 9);
      return pdf.bytes();
    }
  }

  /**
   * The plan a refill row was recorded with: the fill at the refill's time, at its concentration and daily dose, with
   * its alarm volume and the default buffer, as {@link Refills} computes it.
   */
  private static String vol(Map<String, Object> r, String col) {
    return Volume.ofNanolitres(Rows.num(r.get(col))).toString();
  }
}
