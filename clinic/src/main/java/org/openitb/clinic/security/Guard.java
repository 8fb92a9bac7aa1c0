// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Set;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;

/**
 * Runs before every request: finds the session from its cookie (401 for the API, a redirect to
 * the login page for pages), and requires the session's CSRF token in the {@value #CSRF_HEADER}
 * header on every state-changing request.
 */
public final class Guard {
  static final String COOKIE = "ITB_SESSION";
  /**
   * The session cookie's name over TLS (ASVS 3.4.4): the browser keeps a {@code __Host-} cookie only when it is
   * Secure, for this host and path /, so no other site or sub-domain can set or shadow it. Over TLS only this name is
   * read; on plain http://localhost (where a Secure cookie would never come back) {@link #COOKIE}.
   */
  static final String HOST_COOKIE = "__Host-" + COOKIE;
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String PRINCIPAL = "principal";
  /** The CSS framework's stylesheet (GOV.UK Frontend from its WebJar), which the login page needs too. */
  public static final String FRAMEWORK_CSS = "/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.css";
  static final Set<String> PUBLIC = Set.of("/login.html", "/api/login", "/css/app.css", FRAMEWORK_CSS, "/js/login.js", "/favicon.ico");
  public static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private final Sessions sessions;

  public Guard(Sessions sessions) {
    this.sessions = sessions;
  }

  public void before(Context ctx) {
    String path = ctx.path();
    Headers.set(ctx);
    if (!SAFE_METHODS.contains(ctx.method().name())) {
      requireJson(ctx);
      requireSameOrigin(ctx);
    }
    if (PUBLIC.contains(path)) {
      return;
    }
    var p = sessions.find(ctx.cookie(overTls(ctx) ? HOST_COOKIE : COOKIE));
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

  /**
   * Every state-changing request must say it sends JSON: a cross-site HTML form can send only
   * text/plain, urlencoded or multipart without the browser asking first (login CSRF).
   */
  static void requireJson(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).strip().startsWith("application/json")) {
      throw new ApiException(415, "state-changing requests must send Content-Type: application/json", "Content-Type",
          type == null ? "" : Body.abbreviate(type), "application/json");
    }
  }

  /**
   * A browser says where a request came from: refuse a state-changing request whose {@code Origin}
   * is not this server (as the browser reached it, directly or through the reverse proxy), or that
   * the browser marks cross-site. Tools that send no Origin (the CLI, scripts) are not browsers.
   */
  static void requireSameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin != null) {
      String host = originHost(origin);
      if (host == null || (!host.equalsIgnoreCase(String.valueOf(ctx.host())) && !host.equalsIgnoreCase(forwarded(ctx, "host"))
          && !host.equalsIgnoreCase(ctx.header("X-Forwarded-Host")))) {
        throw ApiException.forbidden("cross-origin request refused: Origin " + Body.abbreviate(origin) + " is not this server");
      }
    } else if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
      throw ApiException.forbidden("cross-site request refused");
    }
  }

  /** host[:port] of an Origin header, or null when it is not an http(s) origin (e.g. "null"). */
  static String originHost(String origin) {
    try {
      java.net.URI u = new java.net.URI(origin.strip());
      if (u.getHost() == null || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) {
        return null;
      }
      return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** A parameter of the first element of the standard {@code Forwarded} header (RFC 7239), or null. */
  static String forwarded(Context ctx, String parameter) {
    String f = ctx.header("Forwarded");
    if (f == null) {
      return null;
    }
    String first = f.split(",", 2)[0];
    for (String pair : first.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase(parameter)) {
        String v = pair.substring(eq + 1).strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
      }
    }
    return null;
  }

  /**
   * The client's address, for the login throttle and the login audit rows: the peer's address, or,
   * when the peer is this machine (the server listens on loopback only, so that is the clinic's
   * reverse proxy), the address the proxy added last to {@code Forwarded: for=} or
   * {@code X-Forwarded-For}. Earlier entries are whatever the client sent and are ignored, so a
   * client cannot choose its address; without a proxy header the peer's address is used.
   */
  public static String clientAddress(Context ctx) {
    String peer = ctx.ip();
    if (!isLoopback(peer)) {
      return peer;
    }
    String v = null;
    String f = ctx.header("Forwarded");
    if (f != null) {
      String[] elements = f.split(",");
      for (String pair : elements[elements.length - 1].split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) {
          v = pair.substring(eq + 1).strip().replace("\"", "");
        }
      }
    }
    if (v == null && ctx.header("X-Forwarded-For") != null) {
      String[] hops = ctx.header("X-Forwarded-For").split(",");
      v = hops[hops.length - 1].strip();
    }
    if (v == null || v.isEmpty()) {
      return peer;
    }
    if (v.startsWith("[") && v.indexOf(']') > 0) {
      v = v.substring(1, v.indexOf(']')); // [IPv6]:port
    } else if (v.chars().filter(c -> c == ':').count() == 1) {
      v = v.substring(0, v.indexOf(':')); // IPv4:port
    }
    return v.length() <= MAX_ADDRESS ? v : v.substring(0, MAX_ADDRESS);
  }

  /** Longest client address kept (the audit log's column). */
  static final int MAX_ADDRESS = 64;

  static boolean isLoopback(String ip) {
    return ip != null && (ip.startsWith("127.") || ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1") || ip.startsWith("[::1]")
        || ip.equals("[0:0:0:0:0:0:0:1]"));
  }

  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    if (p == null) {
      throw ApiException.unauthorized();
    }
    return p;
  }

  /**
   * Whether the browser reached the clinic over TLS: directly, or through the clinic's reverse proxy,
   * which says so in the standard {@code Forwarded: proto=https} or in {@value #FORWARDED_PROTO}. The server listens on loopback only, so only that
   * proxy can send the header; a forged one could only make a cookie stricter.
   */
  public static boolean overTls(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header(FORWARDED_PROTO))
        || "https".equalsIgnoreCase(forwarded(ctx, "proto"));
  }

  /** The header in which the clinic's TLS reverse proxy says which scheme the browser used. */
  static final String FORWARDED_PROTO = "X-Forwarded-Proto";

  /**
   * The session cookie: HttpOnly, SameSite=Strict, and Secure whenever the browser came over TLS
   * (not on plain http://localhost, where a Secure cookie would never be sent back).
   */
  public static Cookie sessionCookie(String token, boolean clear, boolean secure) {
    Cookie c = new Cookie(secure ? HOST_COOKIE : COOKIE, clear ? "" : token, "/", clear ? 0 : (int) Sessions.LIFETIME.toSeconds(), secure, true, null, SameSite.STRICT);
    c.setHttpOnly(true);
    c.setSameSite(SameSite.STRICT);
    c.setPath("/");
    c.setMaxAge(clear ? 0 : (int) Sessions.LIFETIME.toSeconds());
    return c;
  }
}
