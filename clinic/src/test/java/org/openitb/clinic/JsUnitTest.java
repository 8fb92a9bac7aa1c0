// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openitb.clinic.testing.HeadlessChromium;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The web UI's JavaScript unit tests (src/test/resources/jsunit/tests.js) in the real headless
 * Chromium: a page loads the UI's scripts as served (public/js) and the tests, and each case
 * becomes one JUnit test here. A second run with a deliberately broken formatter proves the cases
 * fail when the logic breaks.
 */
class JsUnitTest {
  /** The UI scripts under test, in the order the pages load them. */
  static final List<String> SCRIPTS = List.of("app.js", "discrepancies.js");
  /** Cases that must be there (a case silently dropped from tests.js fails the run). */
  static final List<String> REQUIRED = List.of("humanDate: dates as people read them", "kg: weight to 0.1 kg",
      "dailyTotalEcho: an answer that arrives after a newer one is dropped (echoSeq)", "formKey: one key per drawing of a form, a new one after renew",
      "post: sends the CSRF token and the form key, and the JSON body", "resolutionText: who, when, what was found and done",
      "dueStatus: an overdue row says OVERDUE, never a day count that contradicts it");

  @TestFactory
  Stream<DynamicTest> everyJavaScriptCasePasses() throws Exception {
    List<Map<String, Object>> results = run("");
    assertThat(results).extracting(r -> (String) r.get("name")).containsAll(REQUIRED);
    assertThat(results).hasSizeGreaterThanOrEqualTo(15);
    return results.stream().map(r -> DynamicTest.dynamicTest((String) r.get("name"),
        () -> assertThat((Boolean) r.get("ok")).as("%s: %s", r.get("name"), r.get("message")).isTrue()));
  }

  @Test
  void aBrokenFormatterFailsItsCases() throws Exception {
    // Dates with the ISO 'T', weights rounded to whole kilograms and a day count on overdue rows: what issue 9 complained of.
    List<Map<String, Object>> results = run("<script>humanDate = (iso) => iso || '-'; kg = (g) => Math.round(g / 1000) + ' kg';"
        + " dueStatus = (it) => 'in ' + it.days_left + ' days';</script>");
    assertThat(results).filteredOn(r -> !(Boolean) r.get("ok")).extracting(r -> (String) r.get("name"))
        .contains("humanDate: dates as people read them", "humanTime: no T, no seconds, no microseconds", "kg: weight to 0.1 kg",
            "resolutionText: who, when, what was found and done", "dueStatus: an overdue row says OVERDUE, never a day count that contradicts it")
        .doesNotContain("newKey: 32 hex digits, a new one each time", "harness: a wrong expectation fails");
  }

  /** Loads the scripts, then {@code extra}, then the tests, and returns the results. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> run(String extra) throws IOException, URISyntaxException {
    HeadlessChromium.requireChromium();
    StringBuilder page = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>UI unit tests</title></head><body>\n");
    for (String s : SCRIPTS) {
      page.append("<script src=\"").append(JsUnitTest.class.getResource("/public/js/" + s).toURI()).append("\"></script>\n");
    }
    page.append(extra).append("<script src=\"").append(JsUnitTest.class.getResource("/jsunit/tests.js").toURI()).append("\"></script>\n</body></html>");
    Path dir = Files.createTempDirectory("openitb-jsunit");
    Path html = dir.resolve("jsunit.html");
    Files.writeString(html, page);
    WebDriver d = HeadlessChromium.start(800, 600);
    try {
      d.get(html.toUri().toString());
      Object out = ((JavascriptExecutor) d).executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + "if (!window.jsUnit) { done([{name: 'load', ok: false, message: 'tests.js did not load'}]); return; }"
              + "window.jsUnit.then(done, e => done([{name: 'run', ok: false, message: String(e)}]));");
      return (List<Map<String, Object>>) out;
    } finally {
      d.quit();
    }
  }
}
