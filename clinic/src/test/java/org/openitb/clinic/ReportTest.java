package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

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

/** PDFs are read back with PDFBox (text and page size); charts are real PNG and SVG images. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportTest {
  static final float POINT_TOLERANCE = 0.5f;
  ClinicServer server;
  TestSupport.Client demo;
  long id;
  long refillId;

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
    refillId = TestSupport.json(r.body()).get("id").asLong();
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
          "Alarm date: 2027-04-25", "Refill by: 2027-04-18", "WITHDRAWAL", "OVERDOSE", "MRI");
    }
  }

  @Test
  void refillRecordShowsReconciliationBridgeAndDates() throws IOException {
    try (PDDocument pdf = load("/api/patients/" + id + "/refills/" + refillId + "/record.pdf")) {
      assertThat(pdf.getPage(0).getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(POINT_TOLERANCE));
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertThat(text).contains("Expected: 3.000 mL", "Withdrawn: 3.200 mL", "Discrepancy: 0.200 mL", "Within limit",
          "bridge bolus", "Refill by: 2027-04-18", "Second person check");
    }
  }

  @Test
  void dischargeSheetShowsPumpDoseAndDates() throws IOException {
    try (PDDocument pdf = load("/api/patients/" + id + "/discharge.pdf")) {
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertThat(text).contains("ITB-40", "40.000 mL", "250 mcg/day", "Low-reservoir alarm date: 2027-04-25", "Refill-by date: 2027-04-18");
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
