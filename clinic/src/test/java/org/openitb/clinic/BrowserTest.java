package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in headless Chromium (Debian's chromium and chromedriver): log in, open the most
 * urgent patient from the dashboard, record a refill with a concentration change (the bridge bolus
 * is shown), download the ID card. Screenshots go to target/screenshots/. Fails when Chromium is
 * missing unless -Dopenitb.skipBrowser=true.
 */
class BrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final List<String> ARGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000");
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Path SHOTS = Path.of("target", "screenshots");

  @Test
  void clinicianRecordsARefillForTheMostUrgentPatientAndDownloadsTheIdCard() throws IOException {
    if (Boolean.getBoolean("openitb.skipBrowser")) {
      Assumptions.abort("browser test skipped on request (-Dopenitb.skipBrowser=true)");
    }
    assertThat(new File(CHROMIUM)).as("Chromium is missing at " + CHROMIUM + ": install it with `apt-get install -y chromium "
        + "chromium-driver`, or run with -Dopenitb.skipBrowser=true to skip this test deliberately").exists();
    assertThat(new File(CHROMEDRIVER)).as("chromedriver is missing at " + CHROMEDRIVER + ": apt-get install -y chromium-driver").exists();
    Files.createDirectories(SHOTS);
    Path downloads = Files.createTempDirectory("openitb-downloads");
    Path profile = Files.createTempDirectory("openitb-chromium");
    ChromeOptions opts = new ChromeOptions().setBinary(CHROMIUM).addArguments(ARGS).addArguments("--user-data-dir=" + profile);
    opts.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
    ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    try (ClinicServer server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("browser")).withDemoPatients(12))) {
      TestSupport.Client api = TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      long urgent = TestSupport.json(api.get("/api/dashboard").body()).get(0).get("patient_id").asLong();
      WebDriver d = new ChromeDriver(svc, opts);
      try {
        WebDriverWait wait = new WebDriverWait(d, WAIT);
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
        long conc = patient.get("prescriptions").get(0).get("concentration_ng_per_ml").asLong();
        String newConc = conc == 2_000_000L ? "1000 mcg/mL" : "2000 mcg/mL";
        d.findElement(By.id("withdrawn")).sendKeys("1 mL");
        d.findElement(By.id("fill")).sendKeys("20 mL");
        new Select(d.findElement(By.id("concentration"))).selectByVisibleText(newConc);
        d.findElement(By.id("refill-submit")).click();
        wait.until(x -> !x.findElements(By.id("bridge")).isEmpty() || !x.findElement(By.id("refill-error")).getText().isBlank());
        assertThat(d.findElement(By.id("refill-error")).getText()).isEmpty();
        assertThat(d.findElement(By.id("bridge")).getText()).contains("bridge bolus", "Without it");
        shot(d, "04-refill-recorded");
        JsonNode after = TestSupport.json(api.get("/api/patients/" + urgent).body());
        assertThat(after.get("prescriptions").get(0).get("concentration_ng_per_ml").asLong())
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
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
  }
}
