// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.clinic.testing.HeadlessChromium.scrollTo;
import static org.openitb.clinic.testing.HeadlessChromium.type;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openitb.clinic.records.OnceContract;
import org.openitb.clinic.records.OnceRecordsContract;

/**
 * Issue 9 defect 5 in headless Chromium, as a nurse: a trial form submitted twice (two submit
 * events, as a double submit that gets past the disabled button), a double-clicked alarm form and
 * a double-clicked "Clear" each give one record, and the page shows the result, not an error (the
 * second send carries the same form key and answers the first result). Screenshots go to
 * target/screenshots/ (names starting "once-").
 */
class OnceBrowserTest {
  @Test
  void aDoubleSubmitOfTheTrialAndAlarmFormsAndADoubleClickedClearGiveOneRecordEach() throws IOException {
    HeadlessChromium.requireChromium();
    try (ClinicServer server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("browser-once")))) {
      DemoClinic.seed(server.jdbi(), TestSupport.CLOCK, 0);
      TestSupport.Client api = TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      long id = OnceContract.ok(api.post("/api/patients", OnceRecordsContract.patient("B-ONCE")), 201).get("id").asLong();
      OnceContract.ok(api.post("/api/patients/" + id + "/implants", OnceRecordsContract.implant("S-B-ONCE")), 201);
      WebDriver d = HeadlessChromium.start(1280, 1000);
      try {
        WebDriverWait wait = new WebDriverWait(d, HeadlessChromium.WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        d.get("http://localhost:" + server.port() + "/login.html");
        wait.until(x -> !x.findElements(By.id("username")).isEmpty());
        d.findElement(By.id("username")).sendKeys(DemoClinic.NURSE_USER);
        d.findElement(By.id("password")).sendKeys(DemoClinic.NURSE_PASSWORD);
        d.findElement(By.id("login-button")).click();
        wait.until(x -> x.getCurrentUrl().endsWith("/index.html"));
        d.get("http://localhost:" + server.port() + "/patient.html?id=" + id);
        wait.until(x -> x.findElement(By.id("therapy")).getText().contains("S-B-ONCE"));

        // The trial form sent twice at once: two submit events, one form key.
        type(d, "trial-dose", "50 mcg");
        new Select(d.findElement(By.id("trial-mas-before"))).selectByVisibleText("3");
        new Select(d.findElement(By.id("trial-mas-after"))).selectByVisibleText("1+");
        type(d, "trial-penn-before", "3");
        type(d, "trial-penn-after", "1");
        type(d, "trial-hours", "6");
        ((JavascriptExecutor) d).executeScript("const f = document.getElementById('trial-form'); f.requestSubmit(); f.requestSubmit();");
        wait.until(x -> x.findElement(By.id("trial-result")).getText().contains("Trial recorded: 50 mcg"));
        wait.until(x -> x.findElements(By.cssSelector("#trials tbody tr")).size() == 1);
        assertThat(count(server, "screening_trial", id)).isEqualTo(1);
        assertThat(d.findElement(By.id("trial-error")).getText()).isEmpty();
        assertThat(d.findElement(By.id("trial-starting-dose")).getText()).isEqualTo("Suggested starting dose: 100 mcg/day");
        scrollTo(d, "trial-submit");
        HeadlessChromium.shot(d, "once-01-trial-submitted-twice");

        // The alarm form double-clicked.
        scrollTo(d, "device-section");
        new Select(d.findElement(By.id("alarm-kind"))).selectByValue("MOTOR_STALL");
        new Actions(d).doubleClick(d.findElement(By.id("alarm-submit"))).perform();
        // the box left unticked: a motor stall keeps its own severity (critical)
        wait.until(x -> x.findElement(By.id("device-result")).getText().contains("Alarm recorded: MOTOR_STALL (critical)"));
        WebElement alarm = wait.until(x -> x.findElements(By.cssSelector("#alarms tbody tr")).stream()
            .filter(r -> r.getText().contains("MOTOR_STALL")).findFirst().orElse(null));
        assertThat(count(server, "alarm", id)).isEqualTo(1);
        assertThat(d.findElement(By.id("device-error")).getText()).isEmpty();
        HeadlessChromium.shot(d, "once-02-alarm-double-clicked");

        // Its "Clear" button double-clicked: cleared once (one audit row), no error shown.
        String alarmId = alarm.getAttribute("data-alarm");
        new Actions(d).doubleClick(alarm.findElement(By.cssSelector("button.clear-alarm"))).perform();
        wait.until(x -> x.findElement(By.cssSelector("#alarms tbody tr[data-alarm='" + alarmId + "']")).getText().contains("cleared"));
        wait.until(x -> x.findElement(By.id("device-result")).getText().contains("Alarm " + alarmId + " cleared."));
        assertThat(d.findElement(By.id("device-error")).getText()).isEmpty();
        long clearings = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE entity = 'alarm' AND entity_id = :a "
            + "AND action = 'update'").bind("a", alarmId).mapTo(Long.class).one());
        assertThat(clearings).isEqualTo(1);
        HeadlessChromium.shot(d, "once-03-alarm-cleared-once");
      } finally {
        d.quit();
      }
    }
  }

  static long count(ClinicServer server, String table, long patient) {
    return server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE patient_id = :p")
        .bind("p", patient).mapTo(Long.class).one());
  }
}
