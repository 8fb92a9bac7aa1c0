// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openitb.clinic.security.Totp;

/**
 * Every page of the web UI, as its users open it (clinician, then administrator with the one-time code), styled by the
 * CSS framework from the WebJar, with a label for every field, one h1 and a skip link; a screenshot of each goes to
 * target/screenshots/ (names starting "page-").
 */
class EveryPageBrowserTest {
  /** Finds the fields without a label (wrapping or for=) and tells whether the framework's stylesheet applied. */
  static final String AUDIT = "const unlabelled = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
      + ".filter(e => !e.labels || e.labels.length === 0).map(e => e.id || e.outerHTML);"
      + "const button = document.querySelector('.govuk-button');"
      + "return {unlabelled: unlabelled, h1: document.querySelectorAll('h1').length, skip: !!document.querySelector('a.govuk-skip-link'),"
      + " framework: button ? getComputedStyle(button).boxShadow.indexOf('0px 2px 0px') >= 0 : false};";

  @Test
  void everyPageIsStyledLabelledAndPhotographed() throws IOException {
    HeadlessChromium.requireChromium();
    try (ClinicServer server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("browser-pages")).withDemoPatients(3))) {
      TestSupport.Client api = TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      long id = TestSupport.json(api.get("/api/patients?q=DEMO-00001").body()).get(0).get("id").asLong();
      String base = "http://localhost:" + server.port();
      WebDriver d = HeadlessChromium.start(1280, 1000);
      try {
        WebDriverWait wait = new WebDriverWait(d, HeadlessChromium.WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        d.get(base + "/login.html");
        wait.until(x -> !x.findElement(By.id("demo-note")).getText().isBlank());
        check(d, "page-01-login");
        login(d, wait, DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, null);
        wait.until(x -> x.getCurrentUrl().endsWith("/index.html") && !x.findElements(By.cssSelector("#dashboard tbody tr")).isEmpty());
        check(d, "page-02-dashboard");
        d.get(base + "/patient.html?id=" + id);
        wait.until(x -> !x.findElements(By.cssSelector("#refills tbody tr")).isEmpty());
        check(d, "page-03-patient");
        d.get(base + "/worksheet.html?id=" + id);
        wait.until(x -> !x.findElement(By.id("ws-expected")).getText().isBlank());
        check(d, "page-04-worksheet");
        d.get(base + "/audit.html");
        wait.until(x -> !x.findElements(By.cssSelector("#audit tbody tr")).isEmpty());
        check(d, "page-05-audit");
        d.findElement(By.id("logout")).click();
        wait.until(x -> x.getCurrentUrl().endsWith("/login.html"));
        login(d, wait, DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, Totp.code(DemoClinic.ADMIN_TOTP_SECRET, TestSupport.CLOCK));
        wait.until(x -> x.getCurrentUrl().endsWith("/admin.html") && !x.findElement(By.id("set-name")).getDomProperty("value").isBlank());
        check(d, "page-06-admin");
      } finally {
        d.quit();
      }
    }
  }

  private static void login(WebDriver d, WebDriverWait wait, String user, String password, String code) {
    wait.until(x -> !x.findElements(By.id("username")).isEmpty());
    d.findElement(By.id("username")).sendKeys(user);
    d.findElement(By.id("password")).sendKeys(password);
    d.findElement(By.id("login-button")).click();
    if (code != null) {
      wait.until(x -> x.findElement(By.id("code")).isDisplayed());
      d.findElement(By.id("code")).sendKeys(code);
      d.findElement(By.id("login-button")).click();
    }
  }

  @SuppressWarnings("unchecked")
  private static void check(WebDriver d, String name) throws IOException {
    java.util.Map<String, Object> a = (java.util.Map<String, Object>) ((JavascriptExecutor) d).executeScript(AUDIT);
    assertThat((List<Object>) a.get("unlabelled")).as(name + ": fields without a label").isEmpty();
    assertThat(((Number) a.get("h1")).intValue()).as(name + ": one h1").isEqualTo(1);
    assertThat((Boolean) a.get("skip")).as(name + ": a skip link").isTrue();
    assertThat((Boolean) a.get("framework")).as(name + ": the framework's button style applied (its stylesheet loaded)").isTrue();
    HeadlessChromium.shot(d, name);
  }
}
