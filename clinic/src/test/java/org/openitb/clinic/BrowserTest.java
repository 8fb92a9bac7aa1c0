// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in headless Chromium (Debian's chromium and chromedriver): log in, open the most
 * urgent patient from the dashboard, record a refill with a concentration change (the bridge bolus
 * is shown), download the ID card. Screenshots go to target/screenshots/. Fails when Chromium is
 * missing unless -Dopenitb.skipBrowser=true.
 */
class BrowserTest {
  @Test
  void clinicianRecordsARefillForTheMostUrgentPatientAndDownloadsTheIdCard() throws IOException {
    HeadlessChromium.requireChromium();
    Path downloads = Files.createTempDirectory("openitb-downloads");
    try (ClinicServer server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("browser")).withDemoPatients(12))) {
      TestSupport.Client api = TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      long urgent = TestSupport.json(api.get("/api/dashboard").body()).get(0).get("patientId").asLong();
      WebDriver d = HeadlessChromium.start(1280, 1000, downloads);
      try {
        WebDriverWait wait = new WebDriverWait(d, HeadlessChromium.WAIT);
        String base = "http://localhost:" + server.port();
        d.get(base + "/");
        wait.until(x -> x.getCurrentUrl().endsWith("/login.html"));
        shot(d, "01-login");
        d.findElement(By.id("username")).sendKeys(DemoClinic.CLINICIAN_USER);
        d.findElement(By.id("password")).sendKeys(DemoClinic.CLINICIAN_PASSWORD);
        d.findElement(By.id("login-button")).click();
        wait.until(x -> !x.findElements(By.cssSelector("#dashboard tbody tr")).isEmpty());
        shot(d, "02-dashboard");
        WebElement first = d.findElement(By.cssSelector("#dashboard tbody tr[data-rank='0'] a.patient-link"));
        assertThat(first.getAttribute("href")).endsWith("/patient.html?id=" + urgent);
        first.click();
        wait.until(x -> !x.findElement(By.id("patient-name")).getText().isBlank());
        shot(d, "03-patient");

        JsonNode patient = TestSupport.json(api.get("/api/patients/" + urgent).body());
        long conc = patient.get("prescriptions").get(0).get("concentrationNgPerMl").asLong();
        String newConc = conc == 2_000_000L ? "1000 mcg/mL" : "2000 mcg/mL";
        d.findElement(By.id("withdrawn")).sendKeys("1 mL");
        d.findElement(By.id("fill")).sendKeys("20 mL");
        new Select(d.findElement(By.id("concentration"))).selectByVisibleText(newConc);
        d.findElement(By.id("refill-submit")).click();
        // A concentration change first shows the new alarm and refill-by dates; nothing is saved until they are ticked
        // and a second person signs with their own password.
        wait.until(x -> x.findElement(By.id("refill-plan")).isDisplayed());
        assertThat(d.findElement(By.id("refill-plan-text")).getText()).contains("refill by", "days");
        assertThat(TestSupport.json(api.get("/api/patients/" + urgent).body()).get("refills").size()).isEqualTo(patient.get("refills").size());
        d.findElement(By.id("refill-plan-ok")).click();
        d.findElement(By.id("refill-sp-user")).sendKeys(DemoClinic.NURSE_USER);
        d.findElement(By.id("refill-sp-password")).sendKeys(DemoClinic.NURSE_PASSWORD);
        shot(d, "04a-refill-new-dates");
        d.findElement(By.id("refill-submit")).click();
        wait.until(x -> !x.findElements(By.id("bridge")).isEmpty() || !x.findElement(By.id("refill-error")).getText().isBlank()
            && !x.findElement(By.id("refill-error")).getText().startsWith("Review"));
        assertThat(d.findElement(By.id("refill-error")).getText()).isEmpty();
        assertThat(d.findElement(By.id("bridge")).getText()).contains("bridge bolus", "Without it");
        shot(d, "04-refill-recorded");
        JsonNode after = TestSupport.json(api.get("/api/patients/" + urgent).body());
        assertThat(after.get("prescriptions").get(0).get("concentrationNgPerMl").asLong())
            .isEqualTo(Long.parseLong(newConc.split(" ")[0]) * 1000);

        d.findElement(By.id("id-card")).click();
        Path card = downloads.resolve("itb-id-card.pdf");
        wait.until(x -> Files.exists(card) && !Files.exists(downloads.resolve("itb-id-card.pdf.crdownload")));
        try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(card))) {
          assertThat(new PDFTextStripper().getText(pdf)).contains(newConc, patient.get("mrn").asText());
        }
        d.get(base + "/index.html");
        wait.until(x -> !x.findElements(By.cssSelector("#dashboard tbody tr")).isEmpty());
        shot(d, "05-dashboard-after-refill");
      } finally {
        d.quit();
      }
    }
  }

  private static void shot(WebDriver d, String name) throws IOException {
    HeadlessChromium.shot(d, name);
  }
}
