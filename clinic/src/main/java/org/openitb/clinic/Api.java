package org.openitb.clinic;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Registers routes with Javalin and remembers them, so a test can check each one is documented in openapi.yaml. */
final class Api {
  private final JavalinConfig cfg;
  private final List<String> routes = new ArrayList<>();

  Api(JavalinConfig cfg) {
    this.cfg = cfg;
  }

  Api get(String path, Handler h) {
    routes.add("GET " + path);
    cfg.routes.get(path, h);
    return this;
  }

  Api post(String path, Handler h) {
    routes.add("POST " + path);
    cfg.routes.post(path, h);
    return this;
  }

  Api put(String path, Handler h) {
    routes.add("PUT " + path);
    cfg.routes.put(path, h);
    return this;
  }

  List<String> routes() {
    return List.copyOf(routes);
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
