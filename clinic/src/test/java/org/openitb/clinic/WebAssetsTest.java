// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.security.Guard;

/**
 * Every page links the CSS framework served from its WebJar (GOV.UK Frontend, no CDN) and the app's own stylesheet,
 * both answered by this server under a Content-Security-Policy that allows styles from the server itself only.
 */
class WebAssetsTest {
  static final List<String> PAGES = List.of("/login.html", "/index.html", "/patient.html", "/worksheet.html", "/audit.html", "/admin.html");
  static final Pattern STYLESHEET = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\">");

  @Test
  void everyPageLinksTheWebJarStylesheetServedFromThisServer() {
    try (ClinicServer server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("web-assets")).withDemoPatients(1))) {
      // logged in, as the pages are used (the login page and its stylesheets are open to anyone)
      TestSupport.Client c = TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      HttpResponse<String> open = new TestSupport.Client(server.port()).get(Guard.FRAMEWORK_CSS);
      assertThat(open.statusCode()).as("the login page's stylesheet before login").isEqualTo(200);
      for (String page : PAGES) {
        HttpResponse<String> html = c.get(page);
        assertThat(html.statusCode()).as(page).isEqualTo(200);
        String csp = html.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).as(page).contains("default-src 'self'", "style-src 'self'").doesNotContain("http:", "https:", "unsafe-inline");
        List<String> sheets = new ArrayList<>();
        Matcher m = STYLESHEET.matcher(html.body());
        while (m.find()) {
          sheets.add(m.group(1));
        }
        assertThat(sheets).as(page).containsExactly(Guard.FRAMEWORK_CSS, "/css/app.css");
        assertThat(html.body()).as(page).contains("class=\"govuk-template__body\"", "class=\"govuk-skip-link\"", "id=\"main-content\"");
        for (String sheet : sheets) {
          HttpResponse<String> css = c.get(sheet);
          assertThat(css.statusCode()).as(sheet).isEqualTo(200);
          assertThat(css.headers().firstValue("Content-Type").orElse("")).as(sheet).startsWith("text/css");
        }
      }
      assertThat(c.get("/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.css").body()).contains(".govuk-button", ".govuk-table");
    }
  }
}
