// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A refill day run from the UI alone, in headless Chromium, with a clinician and a nurse each in their own browser:
 * find and register a patient and edit their demographics; dashboard -> refill worksheet -> refill at the same
 * concentration -> a refill with a concentration change (new dates shown first, then a co-sign requested by the
 * clinician and approved by the nurse from her own login) -> the next due date and the PDFs. The nurse's page hides
 * the clinician-only forms. Screenshots go to target/screenshots/.
 */
class RefillDayBrowserTest {
  @Test
  void aRefillDayFromTheUiAloneWithACoSignFromASecondLogin() throws IOException {
    HeadlessChromium.requireChromium();
    try (ClinicServer server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("refill-day")).withDemoPatients(6))) {
      TestSupport.Client api = TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      String base = "http://localhost:" + server.port();
      WebDriver doctor = HeadlessChromium.start(1280, 1100);
      WebDriver nurse = null;
      try {
        WebDriverWait wait = new WebDriverWait(doctor, HeadlessChromium.WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        login(doctor, wait, base, DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);

        // Find a patient by MRN, register a new one, edit the demographics.
        doctor.findElement(By.id("search-q")).sendKeys("DEMO-00002");
        doctor.findElement(By.id("search-submit")).click();
        wait.until(x -> x.findElements(By.cssSelector("#search-results a.patient-link")).size() == 1);
        shot(doctor, "day-01-search");
        doctor.findElement(By.cssSelector("#register summary")).click();
        doctor.findElement(By.id("reg-mrn")).sendKeys("DAY-1");
        doctor.findElement(By.id("reg-name")).sendKeys("Zoë Łukasiewicz-Müller");
        doctor.findElement(By.id("reg-dob")).sendKeys("1984-03-07");
        doctor.findElement(By.id("reg-weight")).sendKeys("61.5 kg");
        doctor.findElement(By.id("register-submit")).click();
        wait.until(x -> x.findElement(By.id("patient-name")).getText().contains("Zoë Łukasiewicz-Müller"));
        doctor.findElement(By.cssSelector("#edit-section summary")).click();
        doctor.findElement(By.id("edit-tip")).sendKeys("T10");
        doctor.findElement(By.id("edit-weight")).clear();
        doctor.findElement(By.id("edit-weight")).sendKeys("62.3 kg");
        doctor.findElement(By.id("edit-submit")).click();
        wait.until(x -> x.findElement(By.id("patient-summary")).getText().contains("catheter tip T10"));
        assertThat(doctor.findElement(By.id("patient-summary")).getText()).contains("62.3 kg", "born 7 Mar 1984");
        shot(doctor, "day-02-registered-and-edited");

        // Dashboard -> the most urgent refill's worksheet.
        doctor.get(base + "/index.html");
        wait.until(x -> !x.findElements(By.cssSelector("#dashboard a.worksheet-link")).isEmpty());
        assertThat(doctor.findElement(By.cssSelector("#dashboard thead")).getText()).doesNotContain("Days left");
        shot(doctor, "day-03-dashboard");
        String href = doctor.findElement(By.cssSelector("#dashboard a.worksheet-link")).getAttribute("href");
        long id = Long.parseLong(href.substring(href.indexOf("id=") + 3));
        doctor.findElement(By.cssSelector("#dashboard a.worksheet-link")).click();
        wait.until(x -> !x.findElement(By.id("ws-expected")).getText().isBlank());
        String expected = doctor.findElement(By.id("ws-expected")).getText();
        assertThat(expected).endsWith(" mL");
        doctor.findElement(By.id("ws-lot")).sendKeys("B12345");
        assertThat(doctor.findElement(By.id("ws-pdf")).getAttribute("href")).contains("worksheet.pdf?lot=B12345");
        shot(doctor, "day-04-worksheet");

        // The refill at the same concentration.
        doctor.findElement(By.id("ws-refill")).click();
        wait.until(x -> !x.findElement(By.id("patient-name")).getText().isBlank());
        int refillsBefore = TestSupport.json(api.get("/api/patients/" + id).body()).get("refills").size();
        doctor.findElement(By.id("withdrawn")).sendKeys(expected);
        doctor.findElement(By.id("fill")).sendKeys("20 mL");
        doctor.findElement(By.id("refill-submit")).click();
        wait.until(x -> x.findElement(By.id("refill-result")).getText().contains("Refill recorded")
            || !x.findElement(By.id("refill-error")).getText().isBlank());
        assertThat(doctor.findElement(By.id("refill-error")).getText()).isEmpty();
        assertThat(doctor.findElement(By.id("refill-result")).getText()).contains("within limit", "refill by");
        assertThat(TestSupport.json(api.get("/api/patients/" + id).body()).get("refills").size()).isEqualTo(refillsBefore + 1);
        shot(doctor, "day-05-refill-recorded");

        // The refill with a concentration change: the new dates first, then a co-sign from the nurse's own login.
        long conc = TestSupport.json(api.get("/api/patients/" + id).body()).get("prescriptions").get(0).get("concentrationNgPerMl").asLong();
        String newConc = conc == 2_000_000L ? "1000 mcg/mL" : "2000 mcg/mL";
        doctor.findElement(By.id("withdrawn")).sendKeys("19.9 mL");
        doctor.findElement(By.id("fill")).sendKeys("20 mL");
        new Select(doctor.findElement(By.id("concentration"))).selectByVisibleText(newConc);
        doctor.findElement(By.id("refill-submit")).click();
        wait.until(x -> x.findElement(By.id("refill-plan")).isDisplayed());
        assertThat(doctor.findElement(By.id("refill-plan-text")).getText()).contains("refill by", "days");
        doctor.findElement(By.id("refill-plan-ok")).click();
        doctor.findElement(By.id("refill-cosign")).click();
        wait.until(x -> x.findElement(By.id("refill-cosign-status")).getText().contains("requested"));
        shot(doctor, "day-06-cosign-requested");
        // Submitting before the approval is refused; nothing is saved.
        doctor.findElement(By.id("refill-submit")).click();
        wait.until(x -> x.findElement(By.id("refill-error")).getText().contains("not approved yet"));
        assertThat(TestSupport.json(api.get("/api/patients/" + id).body()).get("refills").size()).isEqualTo(refillsBefore + 1);

        nurse = HeadlessChromium.start(1280, 1000);
        WebDriverWait nurseWait = new WebDriverWait(nurse, HeadlessChromium.WAIT);
        nurseWait.ignoring(StaleElementReferenceException.class);
        login(nurse, nurseWait, base, DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
        nurseWait.until(x -> !x.findElements(By.cssSelector("#cosigns button.approve-cosign")).isEmpty());
        assertThat(nurse.findElement(By.id("cosigns")).getText()).contains(newConc, "requested by " + DemoClinic.CLINICIAN_USER);
        shot(nurse, "day-07-nurse-sees-cosign");
        nurse.findElement(By.cssSelector("#cosigns button.approve-cosign")).click();
        nurseWait.until(x -> x.findElement(By.id("cosigns")).getText().startsWith("Approved"));
        // The nurse's own view of the patient: the clinician-only forms are hidden.
        nurse.get(base + "/patient.html?id=" + id);
        nurseWait.until(x -> !x.findElement(By.id("patient-name")).getText().isBlank());
        assertThat(nurse.findElement(By.id("pump-dose-form")).isDisplayed()).isFalse();
        assertThat(nurse.findElement(By.id("concentration")).isDisplayed()).isFalse();
        assertThat(nurse.findElement(By.id("prescription-form")).isDisplayed()).isFalse();
        assertThat(nurse.findElement(By.id("refill-form")).isDisplayed()).isTrue();
        shot(nurse, "day-08-nurse-patient-page");

        doctor.findElement(By.id("refill-submit")).click();
        wait.until(x -> !x.findElements(By.id("bridge")).isEmpty());
        assertThat(doctor.findElement(By.id("refill-result")).getText()).contains("Second person: " + DemoClinic.NURSE_USER, "refill by");
        JsonNode after = TestSupport.json(api.get("/api/patients/" + id).body());
        assertThat(after.get("prescriptions").get(0).get("concentrationNgPerMl").asLong())
            .isEqualTo(Long.parseLong(newConc.split(" ")[0]) * 1000);
        assertThat(after.get("refills").get(0).get("secondPerson").asText()).contains(DemoClinic.NURSE_USER, "co-sign");
        // The next due date on the plan and the PDFs for the patient.
        wait.until(x -> x.findElement(By.id("plan")).getText().contains("Refill due"));
        assertThat(doctor.findElement(By.id("id-card")).getAttribute("href")).endsWith("/id-card.pdf");
        assertThat(api.bytes("/api/patients/" + id + "/discharge.pdf").statusCode()).isEqualTo(200);
        assertThat(api.bytes("/api/patients/" + id + "/refills/" + after.get("refills").get(0).get("id").asLong() + "/record.pdf").statusCode())
            .isEqualTo(200);
        shot(doctor, "day-09-concentration-changed");
      } finally {
        doctor.quit();
        if (nurse != null) {
          nurse.quit();
        }
      }
    }
  }

  private static void login(WebDriver d, WebDriverWait wait, String base, String user, String password) {
    d.get(base + "/");
    wait.until(x -> x.getCurrentUrl().endsWith("/login.html"));
    d.findElement(By.id("username")).sendKeys(user);
    d.findElement(By.id("password")).sendKeys(password);
    d.findElement(By.id("login-button")).click();
    wait.until(x -> !x.findElements(By.cssSelector("#dashboard tbody tr")).isEmpty());
  }

  private static void shot(WebDriver d, String name) throws IOException {
    HeadlessChromium.shot(d, name);
  }
}
