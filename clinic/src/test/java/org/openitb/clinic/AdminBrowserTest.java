// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openitb.clinic.security.LoginSecurityContract;
import org.openitb.clinic.security.Totp;

/**
 * The administrators' page in headless Chromium (issue 9): an administrator logs in with their
 * one-time code, sees every login with its open sessions, ends a nurse's sessions, sets a new
 * password, deactivates and activates the login; each time the nurse's own session (an API client)
 * is checked to have really ended. The administrator's own row offers no deactivation.
 * Screenshots go to target/screenshots/ (names starting "admin-").
 */
class AdminBrowserTest {
  static final String NURSE = "carol";
  static final String FIRST = "her first long phrase";
  static final String SECOND = "a second phrase from the admin";

  @Test
  void anAdministratorEndsSessionsResetsAPasswordAndDeactivatesALogin() throws IOException {
    HeadlessChromium.requireChromium();
    try (ClinicServer server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("browser-admin")))) {
      DemoClinic.seed(server.jdbi(), TestSupport.CLOCK, 0);
      TestSupport.Client api = TestSupport.Client.login(server.port(), DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD);
      assertThat(api.post("/api/users", "{\"username\":\"" + NURSE + "\",\"password\":\"" + FIRST + "\",\"role\":\"NURSE\"}").statusCode())
          .isEqualTo(201);
      TestSupport.Client carol = TestSupport.Client.login(server.port(), NURSE, FIRST);
      WebDriver d = HeadlessChromium.start(1280, 1000);
      try {
        WebDriverWait wait = new WebDriverWait(d, HeadlessChromium.WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        String base = "http://localhost:" + server.port();
        d.get(base + "/login.html");
        d.findElement(By.id("username")).sendKeys(DemoClinic.ADMIN_USER);
        d.findElement(By.id("password")).sendKeys(DemoClinic.ADMIN_PASSWORD);
        d.findElement(By.id("login-button")).click();
        wait.until(x -> x.findElement(By.id("code-label")).isDisplayed());
        // the API client above used the previous step's code; the browser types the current one
        d.findElement(By.id("code")).sendKeys(Totp.code(DemoClinic.ADMIN_TOTP_SECRET, TestSupport.CLOCK));
        d.findElement(By.id("login-button")).click();
        wait.until(x -> x.getCurrentUrl().endsWith("/admin.html"));
        wait.until(x -> row(x, NURSE) != null && row(x, DemoClinic.ADMIN_USER) != null);
        assertThat(row(d, NURSE).getText()).contains("nurse", "active", "off");
        assertThat(cell(d, NURSE, 5)).isEqualTo("1");
        assertThat(row(d, DemoClinic.ADMIN_USER).getText()).contains("(you)", "administrator", "on");
        assertThat(row(d, DemoClinic.ADMIN_USER).findElements(By.cssSelector("button.deactivate"))).as("not one's own login").isEmpty();
        showLogins(d);
        HeadlessChromium.shot(d, "admin-01-logins");

        row(d, NURSE).findElement(By.cssSelector("button.end-sessions")).click();
        wait.until(x -> x.findElement(By.id("logins-result")).getText().contains("Sessions of " + NURSE + " ended: 1"));
        assertThat(carol.get("/api/me").statusCode()).as("the ended session is refused").isEqualTo(401);
        wait.until(x -> "0".equals(cell(x, NURSE, 5)));

        carol = TestSupport.Client.login(server.port(), NURSE, FIRST);
        d.navigate().refresh();
        wait.until(x -> "1".equals(cell(x, NURSE, 5)));
        row(d, NURSE).findElement(By.cssSelector("button.reset")).click();
        wait.until(x -> x.findElement(By.id("reset-form")).isDisplayed());
        assertThat(d.findElement(By.id("reset-for")).getText()).contains(NURSE);
        d.findElement(By.id("reset-password")).sendKeys("short");
        d.findElement(By.id("reset-submit")).click();
        wait.until(x -> !x.findElement(By.id("logins-error")).getText().isBlank());
        assertThat(d.findElement(By.id("logins-error")).getText()).startsWith("password:").contains("12-128 characters");
        d.findElement(By.id("reset-password")).sendKeys(SECOND);
        showLogins(d);
        HeadlessChromium.shot(d, "admin-02-new-password");
        d.findElement(By.id("reset-submit")).click();
        wait.until(x -> x.findElement(By.id("logins-result")).getText().contains("New password set for " + NURSE));
        assertThat(carol.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(LoginSecurityContract.attempt(server, NURSE, FIRST, null).statusCode()).isEqualTo(401);
        carol = TestSupport.Client.login(server.port(), NURSE, SECOND);

        d.navigate().refresh();
        wait.until(x -> "1".equals(cell(x, NURSE, 5)));
        row(d, NURSE).findElement(By.cssSelector("button.deactivate")).click();
        d.switchTo().alert().accept();
        wait.until(x -> x.findElement(By.id("logins-result")).getText().contains(NURSE + " deactivated"));
        wait.until(x -> "deactivated".equals(cell(x, NURSE, 3)));
        assertThat(carol.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(LoginSecurityContract.attempt(server, NURSE, SECOND, null).statusCode()).isEqualTo(401);
        showLogins(d);
        HeadlessChromium.shot(d, "admin-03-deactivated");

        row(d, NURSE).findElement(By.cssSelector("button.activate")).click();
        wait.until(x -> "active".equals(cell(x, NURSE, 3)));
        assertThat(LoginSecurityContract.attempt(server, NURSE, SECOND, null).statusCode()).isEqualTo(200);
        showLogins(d);
        HeadlessChromium.shot(d, "admin-04-activated");
      } finally {
        d.quit();
      }
    }
  }

  private static void showLogins(WebDriver d) {
    ((org.openqa.selenium.JavascriptExecutor) d).executeScript("document.getElementById('logins-section').scrollIntoView()");
  }

  private static WebElement row(WebDriver d, String username) {
    return d.findElements(By.cssSelector("#logins tbody tr[data-username='" + username + "']")).stream().findFirst().orElse(null);
  }

  private static String cell(WebDriver d, String username, int column) {
    WebElement r = row(d, username);
    return r == null ? null : r.findElements(By.tagName("td")).get(column).getText();
  }
}
