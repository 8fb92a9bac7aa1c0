// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests (Debian's chromium and chromedriver): the skip rule,
 * driver creation with a fresh profile (and optionally a download directory), and screenshots
 * into target/screenshots/.
 */
public final class HeadlessChromium {
  /** Debian's Chromium. */
  public static final String CHROMIUM = "/usr/bin/chromium";
  /** Debian's chromedriver (package chromium-driver). */
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  /** The bound on every wait for the page. */
  public static final Duration WAIT = Duration.ofSeconds(30);
  /** Where {@link #shot} writes its screenshots. */
  public static final Path SHOTS = Path.of("target", "screenshots");
  private static final List<String> ARGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

  private HeadlessChromium() {}

  /**
   * Aborts the test when -Dopenitb.skipBrowser=true; otherwise fails with a clear message when
   * Chromium or chromedriver is missing.
   */
  public static void requireChromium() {
    if (Boolean.getBoolean("openitb.skipBrowser")) {
      Assumptions.abort("browser test skipped on request (-Dopenitb.skipBrowser=true)");
    }
    assertThat(new File(CHROMIUM)).as("Chromium is missing at " + CHROMIUM + ": install it with `apt-get install -y chromium "
        + "chromium-driver`, or run with -Dopenitb.skipBrowser=true to skip this test deliberately").exists();
    assertThat(new File(CHROMEDRIVER)).as("chromedriver is missing at " + CHROMEDRIVER + ": apt-get install -y chromium-driver").exists();
  }

  /** A headless Chromium with a window of {@code width} x {@code height} and a fresh profile. */
  public static WebDriver start(int width, int height) throws IOException {
    return start(width, height, null);
  }

  /**
   * A headless Chromium with a window of {@code width} x {@code height} and a fresh profile that
   * saves downloads, without asking, into {@code downloads} (when not null). Creates {@link #SHOTS}.
   */
  public static WebDriver start(int width, int height, Path downloads) throws IOException {
    Files.createDirectories(SHOTS);
    Path profile = Files.createTempDirectory("openitb-chromium");
    ChromeOptions opts = new ChromeOptions().setBinary(CHROMIUM).addArguments(ARGS)
        .addArguments("--window-size=" + width + "," + height, "--user-data-dir=" + profile);
    if (downloads != null) {
      opts.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
    }
    ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    return new ChromeDriver(svc, opts);
  }

  /** Replaces the text of the field with id {@code id} by {@code text}, as a user typing it. */
  public static void type(WebDriver d, String id, String text) {
    WebElement e = d.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  /** Scrolls the element with id {@code id} into view (a click or a screenshot of it needs it on screen). */
  public static void scrollTo(WebDriver d, String id) {
    ((JavascriptExecutor) d).executeScript("document.getElementById(arguments[0]).scrollIntoView();", id);
  }

  /** Saves a screenshot of the page as target/screenshots/{@code name}.png. */
  public static void shot(WebDriver d, String name) throws IOException {
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
  }
}
