// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.testing.HeadlessChromium;
import org.openitb.simulator.VirtualPump;
import org.openitb.therapy.units.DoseRate;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The patient page's pump buttons in headless Chromium (Debian's chromium and chromedriver), on
 * a demo clinic whose first patient has a live virtual pump (manual clock): log in, open the
 * patient, interrogate the pump, preview a dose change and commit it with a second person, then
 * check what the pump runs and the session record stored, through the API. Screenshots go to
 * target/screenshots/. Fails when Chromium is missing unless -Dopenitb.skipBrowser=true.
 */
class PumpButtonsBrowserTest {
  /** The bound on every wait for the page (a programmer session is a few hundred frames on the in-memory link). */
  static final Duration WAIT = HeadlessChromium.WAIT;
  /** The dose change asked for: 5 % above the running dose, in per mille. */
  static final long RAISE_PER_MILLE = 1050;

  @Test
  void clinicianInterrogatesThePumpAndCommitsAPreviewedDoseChange() throws Exception {
    HeadlessChromium.requireChromium();
    try (LiveClinic clinic = LiveClinic.start(TestDatabases.h2().withDemoPatients(3), TestDatabases.CLOCK)) {
      ClinicServer server = clinic.server();
      VirtualPumpLinks.Live live = clinic.live();
      VirtualPump vp = clinic.pump();
      vp.advance(Duration.ofDays(5));
      DoseRate running = vp.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON);
      DoseRate raised = new DoseRate(running.nanogramsPerDay() / 1000 * RAISE_PER_MILLE);
      ClinicPumpWorkflowsContract.Http api = ClinicPumpWorkflowsContract.login(server);

      WebDriver d = HeadlessChromium.start(1280, 1400);
      try {
        WebDriverWait wait = new WebDriverWait(d, WAIT);
        String base = "http://localhost:" + server.port();
        d.get(base + "/");
        wait.until(x -> x.getCurrentUrl().endsWith("/login.html"));
        d.findElement(By.id("username")).sendKeys(DemoClinic.CLINICIAN_USER);
        d.findElement(By.id("password")).sendKeys(DemoClinic.CLINICIAN_PASSWORD);
        d.findElement(By.id("login-button")).click();
        wait.until(x -> !x.findElements(By.cssSelector("#dashboard tbody tr")).isEmpty());
        d.get(base + "/patient.html?id=" + live.patientId());
        wait.until(x -> !x.findElement(By.id("patient-name")).getText().isBlank());
        assertThat(d.findElement(By.id("patient-name")).getText()).contains(live.name());
        shot(d, "pump-01-patient");

        d.findElement(By.id("pump-interrogate")).click();
        waitForPump(wait, "Session record");
        assertThat(d.findElement(By.id("pump-error")).getText()).isEmpty();
        assertThat(d.findElement(By.id("pump-result")).getText()).contains("DELIVERING", "reservoir", running.toString(), "Active alarms:");
        shot(d, "pump-02-interrogated");

        // Issue 9 defect 1, the trap: preview one dose, then edit the field: the confirmation is gone, nothing to commit.
        DoseRate other = new DoseRate(running.nanogramsPerDay() / 1000 * 1020);
        d.findElement(By.id("pump-dose")).sendKeys(raised.toString());
        d.findElement(By.id("pump-dose-preview")).click();
        wait.until(x -> x.findElement(By.id("pump-confirm")).isDisplayed());
        assertThat(d.findElement(By.id("pump-preview")).getText()).contains(running.toString(), raised.toString());
        d.findElement(By.id("pump-dose")).clear();
        d.findElement(By.id("pump-dose")).sendKeys(other.toString());
        wait.until(x -> !x.findElement(By.id("pump-confirm")).isDisplayed());
        assertThat(d.findElement(By.id("pump-dose-commit")).isEnabled()).isFalse();
        shot(d, "pump-03a-edit-cancels-preview");
        // ... and a preview followed by another pump action (interrogate) is cancelled too, on the page and on the server.
        d.findElement(By.id("pump-dose-preview")).click();
        wait.until(x -> x.findElement(By.id("pump-confirm")).isDisplayed());
        d.findElement(By.id("pump-interrogate")).click();
        waitForPump(wait, "Session record");
        assertThat(d.findElement(By.id("pump-confirm")).isDisplayed()).isFalse();
        assertThat(vp.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON)).isEqualTo(running);

        // The real change: preview, the confirmation screen restates old beside new, the nurse signs with her own password.
        d.findElement(By.id("pump-dose")).clear();
        d.findElement(By.id("pump-dose")).sendKeys(raised.toString());
        d.findElement(By.id("pump-dose-preview")).click();
        wait.until(x -> x.findElement(By.id("pump-confirm")).isDisplayed());
        assertThat(d.findElement(By.id("pump-error")).getText()).isEmpty();
        assertThat(d.findElement(By.id("pump-preview")).getText()).contains(running.toString(), raised.toString());
        assertThat(d.findElement(By.id("pump-confirm-what")).getText()).contains(raised.toString());
        wait.until(x -> x.findElement(By.id("pump-dose-commit")).isEnabled());
        d.findElement(By.id("pump-dose-sp-user")).sendKeys(DemoClinic.NURSE_USER);
        d.findElement(By.id("pump-dose-sp-password")).sendKeys(DemoClinic.NURSE_PASSWORD);
        shot(d, "pump-03-confirmation-screen");
        d.findElement(By.id("pump-dose-commit")).click();
        waitForPump(wait, "Committed");
        assertThat(d.findElement(By.id("pump-error")).getText()).isEmpty();
        assertThat(d.findElement(By.id("pump-result")).getText()).contains("Committed " + raised, "read back checksum", "Second person: nurse");
        // The page header shows the dose the pump now runs without a reload.
        String raisedMcg = java.math.BigDecimal.valueOf(raised.nanogramsPerDay(), 3).stripTrailingZeros().toPlainString();
        wait.until(x -> x.findElement(By.id("therapy")).getText().contains(" at " + raisedMcg + " mcg/day"));
        shot(d, "pump-04-committed");
      } finally {
        d.quit();
      }

      assertThat(vp.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON)).isEqualTo(raised);
      JsonNode patient = ClinicPumpWorkflowsContract.JSON.readTree(api.get("/api/patients/" + live.patientId()).body());
      assertThat(patient.path("prescriptions").get(0).path("doseNgPerDay").asLong()).isEqualTo(raised.nanogramsPerDay());
      // sessions newest first: the commit, the two interrogations (a preview stores no record); the demo
      // seeder's history (imported by demo-seed) comes after them
      java.util.List<JsonNode> sessions = new java.util.ArrayList<>();
      patient.path("sessions").forEach(sessions::add);
      sessions.removeIf(n -> !n.path("importedBy").asText().equals(DemoClinic.CLINICIAN_USER));
      assertThat(sessions).hasSize(3);
      HttpResponse<String> r = api.get("/api/patients/" + live.patientId() + "/sessions/" + sessions.get(0).path("id").asLong());
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode record = ClinicPumpWorkflowsContract.JSON.readTree(r.body());
      assertThat(record.path("pumpSerial").asText()).isEqualTo(live.serial());
      assertThat(record.path("operator").path("id").asText()).isEqualTo(DemoClinic.CLINICIAN_USER);
      JsonNode commit = record.path("changes").get(record.path("changes").size() - 1);
      assertThat(commit.path("outcome").asText()).isEqualTo("CONFIRMED");
      assertThat(commit.path("confirmedBy").path("id").asText()).isEqualTo(DemoClinic.NURSE_USER);
    }
  }

  /** Waits until the pump result shows {@code text} or the page shows an error (then the assertions after it say which). */
  private static void waitForPump(WebDriverWait wait, String text) {
    wait.until(x -> x.findElement(By.id("pump-result")).getText().contains(text) || !x.findElement(By.id("pump-error")).getText().isBlank());
  }

  private static void shot(WebDriver d, String name) throws IOException {
    HeadlessChromium.shot(d, name);
  }
}
