// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.clinic.testing.HeadlessChromium.scrollTo;
import static org.openitb.clinic.testing.HeadlessChromium.shot;
import static org.openitb.clinic.testing.HeadlessChromium.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openitb.clinic.reports.Charts;

/**
 * The patient page's record forms in headless Chromium: a screening trial shows the server's
 * starting-dose suggestion with its reason and limits; bad input shows the API's refusal naming
 * the field and range; a clinician writes a prescription and sees the safety findings while a
 * nurse sees the API's refusal; an MRI scan is recorded and then its post-MRI check; the battery
 * chart image loads. Screenshots go to target/screenshots/ (names starting "forms-").
 */
class RecordFormsBrowserTest {
  static final String DEMO_MRN = "DEMO-00001";

  @Test
  void staffRecordATrialAPrescriptionAnMriScanAndItsCheckAndSeeTheBatteryChart() throws IOException {
    HeadlessChromium.requireChromium();
    try (ClinicServer server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("browser-forms")).withDemoPatients(3))) {
      TestSupport.Client api = TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      long id = TestSupport.json(api.get("/api/patients?q=" + DEMO_MRN).body()).get(0).get("id").asLong();
      String page = "http://localhost:" + server.port() + "/patient.html?id=" + id;
      // A prescription keeps the concentration in the pump (a new one comes with a refill): the form starts from it.
      long concNg = TestSupport.json(api.get("/api/patients/" + id).body()).get("prescriptions").get(0).get("concentrationNgPerMl").asLong();
      String conc = (concNg / 1000) + " mcg/mL";
      WebDriver d = HeadlessChromium.start(1280, 1000);
      try {
        // Tables are re-rendered after every save, so an element found a moment ago may be replaced: look again.
        WebDriverWait wait = new WebDriverWait(d, HeadlessChromium.WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        login(d, wait, server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
        d.get(page);
        // The seeded trial in the table means the record forms have loaded the patient.
        wait.until(x -> !x.findElements(By.cssSelector("#trials tbody tr")).isEmpty());
        int trialsBefore = d.findElements(By.cssSelector("#trials tbody tr")).size();

        // A screening dose above 100 mcg is refused by the API with the field and the allowed range.
        fillTrial(d, "500 mcg", "3", "1");
        wait.until(x -> !x.findElement(By.id("trial-error")).getText().isBlank());
        assertThat(d.findElement(By.id("trial-error")).getText()).startsWith("dose:").contains("500 mcg", "allowed", "100 mcg");
        assertThat(d.findElements(By.id("trial-suggestion"))).isEmpty();
        shot(d, "forms-01-trial-refused");

        fillTrial(d, "50 mcg", "3", "1");
        wait.until(x -> !x.findElements(By.id("trial-starting-dose")).isEmpty());
        assertThat(d.findElement(By.id("trial-error")).getText()).isEmpty();
        assertThat(d.findElement(By.id("trial-starting-dose")).getText()).isEqualTo("Suggested starting dose: 100 mcg/day");
        assertThat(d.findElement(By.id("trial-reason")).getText()).contains("twice the effective screening dose", "TWICE_EFFECTIVE_BOLUS");
        assertThat(d.findElement(By.id("trial-limits")).getText()).contains("usual", "hard maximum", "mcg/day");
        wait.until(x -> x.findElements(By.cssSelector("#trials tbody tr")).size() == trialsBefore + 1);
        assertThat(d.findElement(By.cssSelector("#trials tbody tr")).getText()).contains("50 mcg", "3 -> 1+", "start at 100 mcg/day");
        scrollTo(d, "trial-section");
        shot(d, "forms-02-trial-suggestion");

        // A prescription the drug library refuses, then a good one with its findings.
        type(d, "rx-dose", "5000 mcg/day");
        new Select(d.findElement(By.id("rx-concentration"))).selectByVisibleText(conc);
        d.findElement(By.id("rx-submit")).click();
        wait.until(x -> !x.findElement(By.id("rx-error")).getText().isBlank());
        assertThat(d.findElement(By.id("rx-error")).getText()).startsWith("dose:").contains("5000 mcg/day", "allowed");
        // Below the usual range: refused until the clinician ticks the confirmation the page then shows.
        assertThat(d.findElement(By.id("rx-confirm-label")).isDisplayed()).isFalse();
        type(d, "rx-dose", "100 mcg/day");
        d.findElement(By.id("rx-submit")).click();
        wait.until(x -> x.findElement(By.id("rx-error")).getText().contains("confirmation required"));
        assertThat(d.findElement(By.id("rx-confirm-label")).isDisplayed()).isTrue();
        java.util.List<Long> doses = new java.util.ArrayList<>();
        TestSupport.json(api.get("/api/patients/" + id).body()).get("prescriptions").forEach(x -> doses.add(x.get("doseNgPerDay").asLong()));
        assertThat(doses).as("nothing saved before the confirmation").doesNotContain(100_000L);
        d.findElement(By.id("rx-confirm")).click();
        d.findElement(By.id("rx-submit")).click();
        wait.until(x -> x.findElement(By.id("rx-result")).getText().contains("Prescription saved"));
        assertThat(d.findElement(By.id("rx-result")).getText()).contains("100 mcg/day", "outside the usual range");
        assertThat(d.findElement(By.id("rx-confirm")).isSelected()).isFalse();
        type(d, "rx-dose", "330 mcg/day");
        wait.until(x -> x.findElement(By.id("rx-total")).getText().contains("daily total 330 mcg/day"));
        d.findElement(By.id("rx-submit")).click();
        // 100 -> 330 mcg/day is beyond the titration guardrail: the same rule as the programmer asks to confirm it.
        wait.until(x -> x.findElement(By.id("rx-error")).getText().contains("titration guardrail"));
        d.findElement(By.id("rx-confirm")).click();
        d.findElement(By.id("rx-submit")).click();
        wait.until(x -> x.findElement(By.id("rx-result")).getText().contains("330 mcg/day"));
        assertThat(d.findElement(By.id("rx-error")).getText()).isEmpty();
        assertThat(d.findElement(By.id("rx-result")).getText()).contains("330 mcg/day", conc);
        assertThat(d.findElements(By.cssSelector("#rx-findings li")).stream().map(WebElement::getText).toList())
            .anyMatch(t -> t.contains("[daily-dose]")).noneMatch(t -> t.startsWith("HARD"));
        wait.until(x -> x.findElement(By.cssSelector("#prescriptions tbody tr")).getText().contains("330 mcg/day"));
        JsonNode rx = TestSupport.json(api.get("/api/patients/" + id).body()).get("prescriptions").get(0);
        assertThat(rx.get("doseNgPerDay").asLong()).isEqualTo(330_000L);
        assertThat(rx.get("concentrationNgPerMl").asLong()).isEqualTo(concNg);
        scrollTo(d, "prescription-section");
        shot(d, "forms-03-prescription-saved");

        // MRI scan, then its post-MRI check.
        type(d, "mri-at", "2026-11-23T15:00");
        new Select(d.findElement(By.id("mri-field"))).selectByVisibleText("1.5 T");
        d.findElement(By.id("mri-submit")).click();
        wait.until(x -> x.findElement(By.id("mri-result")).getText().contains("post-MRI check is now due"));
        WebElement due = wait.until(x -> x.findElements(By.cssSelector("#mri-scans tbody tr.unchecked")).stream()
            .filter(r -> r.getText().contains("23 Nov 2026 15:00")).findFirst().orElse(null));
        assertThat(due.getText()).contains("1.5 T", "CHECK DUE");
        // The check needs an interrogation after the scan showing delivery resumed (MriDiscrepancyBrowserTest clicks through the refusal).
        api.post("/api/patients/" + id + "/sessions", MriDiscrepancyContract.interrogation("2026-11-24T08:50", "DELIVERING", null));
        String scanId = due.getAttribute("data-scan");
        new Select(d.findElement(By.id("mri-check-scan"))).selectByValue(scanId);
        scrollTo(d, "mri-section");
        shot(d, "forms-04-mri-recorded");
        type(d, "mri-check-result", "interrogated: no stall, delivery resumed");
        d.findElement(By.id("mri-check-submit")).click();
        wait.until(x -> x.findElement(By.id("mri-result")).getText().contains("Post-MRI check of scan " + scanId + " recorded"));
        WebElement checked = wait.until(x -> x.findElement(By.cssSelector("#mri-scans tbody tr[data-scan='" + scanId + "']")).getAttribute("class")
            .equals("checked") ? x.findElement(By.cssSelector("#mri-scans tbody tr[data-scan='" + scanId + "']")) : null);
        assertThat(checked.getText()).contains("checked", "interrogated: no stall, delivery resumed").doesNotContain("CHECK DUE");
        assertThat(d.findElement(By.id("mri-error")).getText()).isEmpty();
        assertThat(d.findElement(By.id("mri-check-submit")).isEnabled()).as("no unchecked scan is left to check").isFalse();
        shot(d, "forms-05-mri-checked");

        // The battery chart image loads, from the demo patient's seeded interrogations.
        scrollTo(d, "battery-chart");
        wait.until(x -> ((Number) ((JavascriptExecutor) x).executeScript(
            "const i = document.getElementById('battery-chart'); return i.complete ? i.naturalWidth : 0;")).intValue() > 0);
        assertThat(d.findElement(By.id("battery-chart")).getAttribute("src")).contains("/api/patients/" + id + "/charts/battery/svg");
        HttpResponse<byte[]> chart = api.bytes("/api/patients/" + id + "/charts/battery/svg");
        assertThat(chart.headers().firstValue(Charts.TITLE_HEADER).orElse("")).startsWith("Battery (pump interrogations): last ");
        shot(d, "forms-06-battery-chart");

        // Device records: an alarm recorded and cleared, a catheter length refused with its range, a new implant (the page
        // header follows it), and a replacement indicator date with its end of service.
        scrollTo(d, "device-section");
        new Select(d.findElement(By.id("alarm-kind"))).selectByValue("LOW_RESERVOIR");
        d.findElement(By.id("alarm-critical")).click();
        d.findElement(By.id("alarm-submit")).click();
        wait.until(x -> x.findElement(By.id("device-result")).getText().contains("Alarm recorded: LOW_RESERVOIR (critical)"));
        WebElement alarm = wait.until(x -> x.findElements(By.cssSelector("#alarms tbody tr")).stream()
            .filter(r -> r.getText().contains("LOW_RESERVOIR") && r.getText().contains("CRITICAL")).findFirst().orElse(null));
        String alarmId = alarm.getAttribute("data-alarm");
        alarm.findElement(By.cssSelector("button.clear-alarm")).click();
        wait.until(x -> x.findElement(By.cssSelector("#alarms tbody tr[data-alarm='" + alarmId + "']")).getText().contains("cleared"));
        JsonNode alarms = TestSupport.json(api.get("/api/patients/" + id).body()).get("alarms");
        java.util.List<String> cleared = new java.util.ArrayList<>();
        alarms.forEach(a -> { if (a.get("id").asText().equals(alarmId)) cleared.add(a.get("clearedAt").asText()); });
        assertThat(cleared).hasSize(1).noneMatch(c -> c.equals("null") || c.isBlank());

        new Select(d.findElement(By.id("implant-model"))).selectByVisibleText("ITB-40");
        type(d, "implant-serial", "BROWSER-40");
        type(d, "implant-catheter", "500");
        type(d, "implant-date", "2026-11-20");
        d.findElement(By.id("implant-submit")).click();
        wait.until(x -> !x.findElement(By.id("device-error")).getText().isBlank());
        assertThat(d.findElement(By.id("device-error")).getText()).startsWith("catheterLengthCm:").contains("500", "allowed");
        type(d, "implant-catheter", "50");
        d.findElement(By.id("implant-submit")).click();
        wait.until(x -> x.findElement(By.id("device-result")).getText().contains("Implant recorded: ITB-40 serial BROWSER-40"));
        wait.until(x -> x.findElement(By.id("therapy")).getText().startsWith("ITB-40 serial BROWSER-40, implanted 20 Nov 2026"));
        assertThat(TestSupport.json(api.get("/api/patients/" + id).body()).get("implants").get(0).get("serial").asText()).isEqualTo("BROWSER-40");

        type(d, "eri-date", "2026-11-10");
        d.findElement(By.id("replacement-submit")).click();
        wait.until(x -> x.findElement(By.id("device-result")).getText().contains("Replacement indicator recorded: ERI 2026-11-10, end of service"));
        wait.until(x -> x.findElement(By.cssSelector("#replacements tbody tr")).getText().contains("10 Nov 2026"));
        assertThat(d.findElement(By.id("device-error")).getText()).isEmpty();
        shot(d, "forms-06b-device-records");

        // A nurse may record trials and MRI scans but not prescribe: the clinician-only forms are not shown to her (and the
        // API refuses a nurse's prescription, RecordFormsContract).
        d.findElement(By.id("logout")).click();
        wait.until(x -> x.getCurrentUrl().endsWith("/login.html"));
        login(d, wait, server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
        d.get(page);
        wait.until(x -> !x.findElements(By.cssSelector("#trials tbody tr")).isEmpty());
        assertThat(d.findElement(By.id("prescription-form")).isDisplayed()).isFalse();
        assertThat(d.findElement(By.id("implant-form")).isDisplayed()).isFalse();
        assertThat(d.findElement(By.id("trial-form")).isDisplayed()).isTrue();
        assertThat(TestSupport.json(api.get("/api/patients/" + id).body()).get("prescriptions").get(0).get("doseNgPerDay").asLong())
            .isEqualTo(330_000L);
        scrollTo(d, "trial-section");
        shot(d, "forms-07-nurse-may-not-prescribe");
      } finally {
        d.quit();
      }
    }
  }

  private static void login(WebDriver d, WebDriverWait wait, int port, String user, String password) {
    d.get("http://localhost:" + port + "/login.html");
    wait.until(x -> !x.findElements(By.id("username")).isEmpty());
    d.findElement(By.id("username")).sendKeys(user);
    d.findElement(By.id("password")).sendKeys(password);
    d.findElement(By.id("login-button")).click();
    wait.until(x -> x.getCurrentUrl().endsWith("/index.html"));
  }

  private static void fillTrial(WebDriver d, String dose, String pennBefore, String pennAfter) {
    type(d, "trial-dose", dose);
    new Select(d.findElement(By.id("trial-mas-before"))).selectByVisibleText("3");
    new Select(d.findElement(By.id("trial-mas-after"))).selectByVisibleText("1+");
    type(d, "trial-penn-before", pennBefore);
    type(d, "trial-penn-after", pennAfter);
    type(d, "trial-hours", "6");
    d.findElement(By.id("trial-submit")).click();
  }
}
