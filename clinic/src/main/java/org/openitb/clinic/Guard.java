// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Set;

/**
 * Runs before every request: finds the session from its cookie (401 for the API, a redirect to
 * the login page for pages), and requires the session's CSRF token in the {@value #CSRF_HEADER}
 * header on every state-changing request.
 */
final class Guard {
  static final String COOKIE = "ITB_SESSION";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String PRINCIPAL = "principal";
  static final Set<String> PUBLIC = Set.of("/login.html", "/api/login", "/css/app.css", "/js/login.js", "/favicon.ico");
  static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private final Sessions sessions;

  Guard(Sessions sessions) {
    this.sessions = sessions;
  }

  void before(Context ctx) {
    String path = ctx.path();
    if (PUBLIC.contains(path)) {
      return;
    }
    var p = sessions.find(ctx.cookie(COOKIE));
    if (p.isEmpty()) {
      if (path.startsWith("/api/")) {
        throw ApiException.unauthorized();
      }
      ctx.redirect("/login.html");
      ctx.skipRemainingHandlers();
      return;
    }
    if (!SAFE_METHODS.contains(ctx.method().name())) {
      String sent = ctx.header(CSRF_HEADER);
      if (sent == null || !java.security.MessageDigest.isEqual(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          p.get().csrfToken().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        throw ApiException.forbidden("missing or wrong CSRF token: send the csrfToken from /api/login or /api/me in the "
            + CSRF_HEADER + " header");
      }
    }
    ctx.attribute(PRINCIPAL, p.get());
  }

  static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    if (p == null) {
      throw ApiException.unauthorized();
    }
    return p;
  }

  /**
   * Whether the browser reached the clinic over TLS: directly, or through the clinic's reverse proxy,
   * which says so in {@value #FORWARDED_PROTO}. The server listens on loopback only, so only that
   * proxy can send the header; a forged one could only make a cookie stricter.
   */
  static boolean overTls(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header(FORWARDED_PROTO));
  }

  /** The header in which the clinic's TLS reverse proxy says which scheme the browser used. */
  static final String FORWARDED_PROTO = "X-Forwarded-Proto";

  /**
   * The session cookie: HttpOnly, SameSite=Strict, and Secure whenever the browser came over TLS
   * (not on plain http://localhost, where a Secure cookie would never be sent back).
   */
  static Cookie sessionCookie(String token, boolean clear, boolean secure) {
    Cookie c = new Cookie(COOKIE, clear ? "" : token, "/", clear ? 0 : (int) Sessions.LIFETIME.toSeconds(), secure, true, null, SameSite.STRICT);
    c.setHttpOnly(true);
    c.setSameSite(SameSite.STRICT);
    c.setPath("/");
    c.setMaxAge(clear ? 0 : (int) Sessions.LIFETIME.toSeconds());
    return c;
  }
}
