// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.TestSupport;
import org.openitb.clinic.store.Text;

/** PDFs are read back with PDFBox (text and page size); charts are real PNG and SVG images. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportTest {
  static final float POINT_TOLERANCE = 0.5f;
  ClinicServer server;
  TestSupport.Client demo;
  long id;
  long refillId;
  JsonNode refill;

  @BeforeAll
  void start() {
    server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("reports")));
    DemoClinic.seed(server.jdbi(), TestSupport.CLOCK, 0);
    demo = TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
    id = TestSupport.json(demo.post("/api/patients",
        "{\"mrn\":\"R-1\",\"name\":\"Rita Report\",\"etiology\":\"CEREBRAL\",\"ageGroup\":\"ADULT\",\"weight\":\"58 kg\"}").body()).get("id").asLong();
    demo.post("/api/patients/" + id + "/implants", "{\"pumpModel\":\"ITB-40\",\"serial\":\"NIT0001234\",\"catheterLengthCm\":50,\"implantDate\":\"2026-01-10\"}");
    demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"250 mcg/day\",\"concentration\":\"500 mcg/mL\",\"start\":\"2026-01-10T10:00\"}");
    HttpResponse<String> r = demo.writeConfirmed("/api/patients/" + id + "/refills",
        "{\"expected\":\"3 mL\",\"withdrawn\":\"3.2 mL\",\"fill\":\"40 mL\",\"concentration\":\"1000 mcg/mL\"}",
        DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    refill = TestSupport.json(r.body());
    refillId = refill.get("id").asLong();
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  @Test
  void idCardIsWalletSizeWithDoseDatesAndEmergencyNotes() throws IOException {
    // 38 mL above the 2 mL alarm at 0.25 mL/day = 152 days from 2026-11-24 09:00: 2027-04-25; refill by 7 days earlier.
    try (PDDocument pdf = load("/api/patients/" + id + "/id-card.pdf")) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(2);
      PDRectangle box = pdf.getPage(0).getMediaBox();
      assertThat(box.getWidth()).isCloseTo(85.60f * 72 / 25.4f, org.assertj.core.data.Offset.offset(POINT_TOLERANCE));
      assertThat(box.getHeight()).isCloseTo(53.98f * 72 / 25.4f, org.assertj.core.data.Offset.offset(POINT_TOLERANCE));
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
      org.apache.pdfbox.rendering.PDFRenderer renderer = new org.apache.pdfbox.rendering.PDFRenderer(pdf);
      for (int i = 0; i < pdf.getNumberOfPages(); i++) {
        javax.imageio.ImageIO.write(renderer.renderImageWithDPI(i, 200), "png",
            java.nio.file.Path.of("target", "screenshots", "id-card-page" + (i + 1) + ".png").toFile());
      }
      assertThat(text).contains("Rita Report", "ITB-40", "NIT0001234", "baclofen", "1000 mcg/mL", "250 mcg/day",
          "Alarm date: 25 Apr 2027", "Refill by: 18 Apr 2027", "WITHDRAWAL", "OVERDOSE", "MRI", "≤ 1.5 T", "24/7");
    }
  }

  @Test
  void refillRecordShowsReconciliationBridgeAndDates() throws IOException {
    try (PDDocument pdf = load("/api/patients/" + id + "/refills/" + refillId + "/record.pdf")) {
      assertThat(pdf.getPage(0).getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(POINT_TOLERANCE));
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertThat(text).contains("Expected: 3.000 mL", "Withdrawn: 3.200 mL", "Discrepancy: 0.200 mL", "Within limit",
          "bridge bolus", "Refill by: 18 Apr 2027", "Second person check: nurse (nurse, own password)");
    }
  }

  @Test
  void dischargeSheetShowsPumpDoseAndDates() throws IOException {
    try (PDDocument pdf = load("/api/patients/" + id + "/discharge.pdf")) {
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertThat(text).contains("ITB-40", "40.000 mL", "250 mcg/day", "around 25 Apr 2027", "Come for your refill by 18 Apr 2027",
          "Call us day or night", "OpenITB clinic");
    }
  }

  /**
   * Issue 11 defect 2: the refill record, the ID card and the discharge sheet say when the pump stops delivering (its
   * stop volume), the instant the refill answer gives, not when the reservoir is physically empty.
   */
  @Test
  void everyDocumentSaysWhenThePumpStopsDelivering() throws IOException {
    // 40 mL at 1000 mcg/mL, 250 mcg/day = 0.25 mL/day from 24 Nov 2026 09:00: empty (0 mL) after 160 days, 3 May 2027;
    // the ITB-40 stops at its stop volume 0.5 mL, 2 days earlier
    java.time.LocalDateTime stops = java.time.LocalDateTime.parse(refill.get("deliveryStopsAt").asText());
    assertThat(stops).isEqualTo(java.time.LocalDateTime.of(2027, 5, 1, 9, 0));
    String at = Text.dateTime(stops);
    String empty = Text.dateTime(java.time.LocalDateTime.of(2027, 5, 3, 9, 0));
    try (PDDocument pdf = load("/api/patients/" + id + "/refills/" + refillId + "/record.pdf")) {
      assertThat(text(pdf)).contains("Delivery stops: " + at, "stops giving baclofen").doesNotContain(empty);
    }
    try (PDDocument pdf = load("/api/patients/" + id + "/id-card.pdf")) {
      assertThat(text(pdf)).contains("If not refilled, the pump STOPS giving baclofen on " + at).doesNotContain(empty);
    }
    try (PDDocument pdf = load("/api/patients/" + id + "/discharge.pdf")) {
      assertThat(text(pdf)).contains("If it is not refilled, your pump stops giving you baclofen on " + at + ".", "always come before then")
          .doesNotContain(empty);
    }
  }

  private static String text(PDDocument pdf) throws IOException {
    return new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
  }

  /** Issue 14 defect 1: every PDF prints names and signs as written (an embedded Unicode font), read back from the PDF. */
  @Test
  void pdfsPrintUnicodeNamesAndSignsAsWritten() throws IOException {
    String name = "Zoë Łukasiewicz-Müller";
    long zoe = TestSupport.json(demo.post("/api/patients", "{\"mrn\":\"R-Ü\",\"name\":\"" + name + "\",\"etiology\":\"SPINAL\","
        + "\"ageGroup\":\"ADULT\",\"weight\":\"61.5 kg\"}").body()).get("id").asLong();
    demo.post("/api/patients/" + zoe + "/implants", "{\"pumpModel\":\"ITB-20\",\"serial\":\"NIT-ÅÉ-1\",\"catheterLengthCm\":45,"
        + "\"implantDate\":\"2026-11-20\"}");
    demo.write("/api/patients/" + zoe + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\"}");
    for (String doc : new String[] {"id-card.pdf", "discharge.pdf"}) {
      try (PDDocument pdf = load("/api/patients/" + zoe + "/" + doc)) {
        String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
        assertThat(text).as(doc).contains(name, "NIT-ÅÉ-1", "≤ 1.5 T").doesNotContain("?");
        // Issue 9 defect 8: a new implant has dates from its fill at implant, not "Alarm date: -".
        assertThat(text).as(doc).doesNotContain("Alarm date: -").contains("from the fill at implant");
      }
    }
    try (Pdf pdf = new Pdf(PDRectangle.A4, 50)) {
      pdf.text("Dose 0.5 µg/h ≤ 1 µg/h for Zoë", 11);
      try (PDDocument doc = Loader.loadPDF(pdf.bytes())) {
        assertThat(new PDFTextStripper().getText(doc)).contains("Dose 0.5 µg/h ≤ 1 µg/h for Zoë");
      }
    }
  }

  /** Issue 9 defect 8: a pump reaching end of service before its refill-by date says "replacement due" instead. */
  @Test
  void aPumpAtEndOfServiceBeforeTheRefillByDateSaysReplacementDue() throws IOException {
    long p = TestSupport.json(demo.post("/api/patients", "{\"mrn\":\"R-EOS\",\"name\":\"Eve Eos\",\"etiology\":\"SPINAL\","
        + "\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}").body()).get("id").asLong();
    demo.post("/api/patients/" + p + "/implants", "{\"pumpModel\":\"ITB-20\",\"serial\":\"NIT-EOS\",\"catheterLengthCm\":45,"
        + "\"implantDate\":\"2026-11-20\"}");
    demo.write("/api/patients/" + p + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\"}");
    demo.post("/api/patients/" + p + "/replacements", "{\"eriDate\":\"2026-09-01\"}");
    try (PDDocument pdf = load("/api/patients/" + p + "/id-card.pdf")) {
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertThat(text).contains("REPLACEMENT DUE by 30 Nov 2026").doesNotContain("Refill by:");
    }
    try (PDDocument pdf = load("/api/patients/" + p + "/discharge.pdf")) {
      assertThat(new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ")).contains("must be replaced by 30 Nov 2026");
    }
  }

  @Test
  void chartsArePngAndSvg() {
    for (String kind : new String[] {"dose", "reservoir", "battery"}) {
      HttpResponse<byte[]> png = demo.bytes("/api/patients/" + id + "/charts/" + kind + "/png");
      assertThat(png.statusCode()).isEqualTo(200);
      assertThat(png.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
      assertThat(new String(png.body(), 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
      HttpResponse<byte[]> svg = demo.bytes("/api/patients/" + id + "/charts/" + kind + "/svg");
      assertThat(new String(svg.body(), StandardCharsets.UTF_8)).contains("<svg");
    }
    HttpResponse<String> unknown = demo.get("/api/patients/" + id + "/charts/pressure/png");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(TestSupport.json(unknown.body()).get("allowed").asText()).contains("dose", "reservoir", "battery");
  }

  private PDDocument load(String path) throws IOException {
    HttpResponse<byte[]> r = demo.bytes(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
    return Loader.loadPDF(r.body());
  }
}
