// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.security.Guard;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.security.Role;

/**
 * The route table: every API route as one row (method, path, roles, handler). The parts of the
 * server add their rows; {@link #install()} then registers the whole table with Javalin, each
 * handler wrapped in its role check, so no handler checks roles itself. {@link #table()} is what the
 * route x role test walks and what the OpenAPI test compares with the document.
 */
public final class Api {
  /** No login needed (only the login itself). */
  static final Set<Role> OPEN = Collections.unmodifiableSet(EnumSet.noneOf(Role.class));
  /** Any logged-in user. */
  static final Set<Role> ANY = Collections.unmodifiableSet(EnumSet.allOf(Role.class));
  /** Clinicians and nurses. */
  static final Set<Role> STAFF = Collections.unmodifiableSet(EnumSet.of(Role.CLINICIAN, Role.NURSE));
  /** Clinicians only (prescriptions, implants, replacements). */
  static final Set<Role> CLINICIANS = Collections.unmodifiableSet(EnumSet.of(Role.CLINICIAN));
  /** Clinical staff, and a patient for their own record only (others answer 404). */
  static final Set<Role> READERS = Collections.unmodifiableSet(EnumSet.of(Role.CLINICIAN, Role.NURSE, Role.PATIENT));
  /** Administrators only (logins). */
  static final Set<Role> ADMINS = Collections.unmodifiableSet(EnumSet.of(Role.ADMINISTRATOR));
  /** Administrators and clinicians (the audit log). */
  static final Set<Role> AUDITORS = Collections.unmodifiableSet(EnumSet.of(Role.ADMINISTRATOR, Role.CLINICIAN));

  /**
   * One row of the route table.
   *
   * @param type HTTP method
   * @param path path with parameters in braces
   * @param roles who may call it; empty: anyone, without a login ({@link #OPEN})
   * @param handler what it does, once the role is checked
   */
  public record Route(HandlerType type, String path, Set<Role> roles, Handler handler) {
    /** The HTTP method's name. */
    String method() {
      return type.name();
    }

    boolean open() {
      return roles.isEmpty();
    }

    @Override
    public String toString() {
      return method() + " " + path;
    }
  }

  private final JavalinConfig cfg;
  private final List<Route> table = new ArrayList<>();

  Api(JavalinConfig cfg) {
    this.cfg = cfg;
  }

  Api get(String path, Set<Role> roles, Handler h) {
    return add(HandlerType.GET, path, roles, h);
  }

  Api post(String path, Set<Role> roles, Handler h) {
    return add(HandlerType.POST, path, roles, h);
  }

  Api put(String path, Set<Role> roles, Handler h) {
    return add(HandlerType.PUT, path, roles, h);
  }

  Api delete(String path, Set<Role> roles, Handler h) {
    return add(HandlerType.DELETE, path, roles, h);
  }

  private Api add(HandlerType method, String path, Set<Role> roles, Handler h) {
    Route route = new Route(method, path, roles, h);
    if (table.stream().anyMatch(r -> r.toString().equals(route.toString()))) {
      throw new IllegalStateException("two rows for " + route);
    }
    table.add(route);
    return this;
  }

  /** Registers every row of the table with Javalin, its handler behind its role check. */
  void install() {
    for (Route route : table) {
      Set<Role> roles = route.roles();
      cfg.routes.addHttpHandler(route.type(), route.path(), route.open() ? route.handler() : ctx -> {
        Principal p = Guard.principal(ctx);
        if (!roles.contains(p.role())) {
          throw ApiException.forbidden("role " + p.role() + " may not " + route + "; needs one of " + roles);
        }
        route.handler().handle(ctx);
      });
    }
  }

  /** The route table in registration order. */
  List<Route> table() {
    return List.copyOf(table);
  }

  /** Every route as "METHOD /path". */
  List<String> routes() {
    return table.stream().map(Route::toString).toList();
  }

  static long id(Context ctx, String param) {
    String v = ctx.pathParam(param);
    try {
      long n = Long.parseLong(v);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(param + " must be a positive whole number", param, v, "1-" + Long.MAX_VALUE);
    }
  }
}
