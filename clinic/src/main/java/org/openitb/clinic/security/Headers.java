// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hardening headers on every answer: a Content-Security-Policy that allows only the server's own
 * scripts, styles and images (the pages' few inline scripts by their SHA-256, computed from the
 * pages at start), no framing, no MIME sniffing, no referrer, HSTS over TLS, and {@code Cache-Control: no-store}
 * on the API (patient data, PDFs, charts, calendars) and the pages.
 */
final class Headers {
  static final List<String> PAGES = List.of("/public/index.html", "/public/patient.html", "/public/login.html");
  static final String CSP = "default-src 'self'; script-src 'self'" + inlineScriptHashes()
      + "; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** ASVS 14.4.5: browsers that reached the clinic over TLS keep to TLS for a year. */
  static final String HSTS = "max-age=31536000; includeSubDomains";

  private Headers() {}

  static void set(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    if (Guard.overTls(ctx)) {
      ctx.header("Strict-Transport-Security", HSTS); // only a browser that came over TLS may be told to keep to it
    }
    String path = ctx.path();
    if (path.startsWith("/api/") || path.endsWith(".html") || path.equals("/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  /** " 'sha256-...'" for each inline script of the pages. */
  static String inlineScriptHashes() {
    Pattern inline = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    List<String> hashes = new ArrayList<>();
    for (String page : PAGES) {
      try (InputStream in = Headers.class.getResourceAsStream(page)) {
        if (in == null) {
          continue;
        }
        Matcher m = inline.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (m.find()) {
          hashes.add(" 'sha256-" + Base64.getEncoder().encodeToString(
              MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8))) + "'");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 missing from the JDK", e);
      }
    }
    return String.join("", hashes.stream().distinct().toList());
  }
}
