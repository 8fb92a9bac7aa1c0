// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.planning.DashboardCache;
import org.openitb.clinic.planning.Planning;
import org.openitb.clinic.pump.CoSigns;
import org.openitb.clinic.pump.PumpLinks;
import org.openitb.clinic.pump.PumpWorkflows;
import org.openitb.clinic.records.Discrepancies;
import org.openitb.clinic.records.Mri;
import org.openitb.clinic.records.Once;
import org.openitb.clinic.records.PatientPage;
import org.openitb.clinic.records.Patients;
import org.openitb.clinic.records.PrescriptionForm;
import org.openitb.clinic.records.Records;
import org.openitb.clinic.records.Refills;
import org.openitb.clinic.reports.Charts;
import org.openitb.clinic.reports.ClinicSettings;
import org.openitb.clinic.reports.ICalendar;
import org.openitb.clinic.reports.Reports;
import org.openitb.clinic.security.Guard;
import org.openitb.clinic.security.Passwords;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.security.SecondPerson;
import org.openitb.clinic.security.Sessions;
import org.openitb.clinic.security.Users;

/**
 * The clinic's HTTP face: Javalin's configuration (static files, the guard before every request,
 * error answers, the access log) and the route table, one line per route with the roles that may
 * call it ({@link Api} checks the role before the handler runs).
 */
public final class ClinicApi {
  static final int SEARCH_LIMIT = 200;
  static final int AUDIT_LIMIT = 500;
  private static final String H2_WRITE_LOCK = "h2-write-lock";
  /** Serialises state-changing requests on embedded H2 (one database per process in practice). */
  private static final java.util.concurrent.locks.ReentrantLock H2_WRITES = new java.util.concurrent.locks.ReentrantLock(true);
  /** The access log (one line per request). */
  static final org.slf4j.Logger ACCESS = org.slf4j.LoggerFactory.getLogger("org.openitb.clinic.access");

  private ClinicApi() {}

  /**
   * Configures Javalin: static files, the guard and the H2 write lock before every request, error
   * answers, the access log, and the route table.
   *
   * @param postgres whether the database is PostgreSQL (on H2 state-changing requests take one lock)
   * @param pumpLinks how the clinic reaches patients' pumps; empty: the pump routes answer 503
   * @param loginsNote what the login page shows of the demo logins; null outside the demo
   * @param routeTable receives the route table once installed
   */
  public static void configure(JavalinConfig cfg, Jdbi jdbi, Clock clock, boolean postgres, Optional<PumpLinks> pumpLinks, String loginsNote,
      List<Api.Route> routeTable) {
    cfg.staticFiles.add("/public", Location.CLASSPATH);
    // The UI's CSS framework (GOV.UK Frontend) from its WebJar on the classpath, at /webjars/govuk-frontend/{version}/...
    cfg.staticFiles.enableWebjars();
    cfg.http.defaultContentType = "application/json";
    // on H2 a session's last-use write takes the one-writer lock like any other write (see below)
    Sessions sessions = new Sessions(jdbi, clock, postgres ? new java.util.concurrent.locks.ReentrantLock() : H2_WRITES);
    Guard guard = new Guard(sessions);
    Planning planning = new Planning(jdbi, clock);
    Refills refills = new Refills(jdbi, clock);
    Services s = new Services(jdbi, clock, sessions, new Patients(jdbi, clock), new Records(jdbi, clock), refills, planning,
        new Reports(jdbi, clock), new Charts(jdbi), new PatientPage(jdbi, planning), new DashboardCache(planning, clock), new Once(jdbi, clock),
        new SecondPerson(jdbi, clock));
    cfg.routes.before(guard::before);
    if (!postgres) {
      // H2: one state-changing request at a time. H2 writes a commit to its file when the commit asks,
      // but skips that write when another thread's store began meanwhile and relies on that store; with
      // one writer each answered write's commit stores its own pages before the answer (the argument is
      // at Database.H2_WRITE_DELAY; CrashTest kills the server among its writes).
      cfg.routes.before(ctx -> {
        if (!Guard.SAFE_METHODS.contains(ctx.method().name())) {
          H2_WRITES.lock();
          ctx.attribute(H2_WRITE_LOCK, true);
        }
      });
    }
    cfg.routes.after(ctx -> {
      if (Boolean.TRUE.equals(ctx.attribute(H2_WRITE_LOCK))) {
        ctx.attribute(H2_WRITE_LOCK, null);
        H2_WRITES.unlock();
      }
      if (!Guard.SAFE_METHODS.contains(ctx.method().name())) {
        s.dashboard().invalidate();
      }
    });
    cfg.routes.exception(ApiException.class, (e, ctx) -> Failures.error(ctx, e.status, e.getMessage(), e.field, e.value, e.allowed, e.details));
    cfg.routes.exception(InvalidValueException.class, (e, ctx) -> Failures.error(ctx, 400, e.getMessage(), e.field(), e.value(), e.allowed()));
    cfg.routes.exception(Exception.class, Failures::handle);
    // access log: who did what, how it ended and how long it took (no query strings: they can hold patient names)
    cfg.requestLogger.http((ctx, ms) -> ACCESS.info("{} {} {} {} {} ms {}", ctx.ip(), ctx.method().name(), ctx.path(), ctx.statusCode(),
        Math.round(ms), ctx.attribute(Guard.PRINCIPAL) instanceof Principal p ? p.username() : "-"));
    cfg.routes.get("/", ctx -> ctx.redirect("/index.html"));

    Api api = new Api(cfg);
    routes(api, s, loginsNote);
    pumpRoutes(api, new PumpWorkflows(jdbi, clock, pumpLinks, refills), new Once(jdbi, clock));
    coSignRoutes(api, new CoSigns(jdbi, clock));
    ClinicSettings settings = new ClinicSettings(jdbi, clock);
    api.get("/api/settings", Api.ANY, ctx -> ctx.json(settings.read()));
    api.put("/api/settings", Api.ADMINS, ctx -> ctx.json(settings.update(Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip())));
    // what the prescription form echoes while the clinician types (nothing is saved)
    api.get("/api/daily-total", Api.STAFF, ctx -> ctx.json(PrescriptionForm.echo(ctx.queryParam("flex"), ctx.queryParam("dose"))));
    api.get("/api/patients/{id}/worksheet", Api.STAFF, ctx -> ctx.json(refills.worksheet(existing(refills, ctx))));
    api.get("/api/patients/{id}/worksheet.pdf", Api.STAFF, ctx -> pdf(ctx, Reports.worksheet(refills.worksheet(existing(refills, ctx)),
        limited(ctx.queryParam("lot")), limited(ctx.queryParam("expiry"))), "refill-worksheet.pdf"));
    api.install();
    routeTable.addAll(api.table());
  }

  /** The routes that drive a programmer session to the patient's pump; refill and dose commit happen once per key. */
  private static void pumpRoutes(Api api, PumpWorkflows pump, Once once) {
    api.post("/api/patients/{id}/pump/interrogate", Api.STAFF, ctx -> reply(ctx, pump.interrogate(pumpRequest(ctx))));
    api.post("/api/patients/{id}/pump/refill", Api.STAFF, ctx -> once.run(ctx, Guard.principal(ctx), () -> pump.refill(pumpRequest(ctx))));
    api.post("/api/patients/{id}/pump/dose/preview", Api.CLINICIANS, ctx -> reply(ctx, pump.dosePreview(pumpRequest(ctx))));
    api.post("/api/patients/{id}/pump/dose/commit", Api.CLINICIANS, ctx -> once.run(ctx, Guard.principal(ctx), () ->
        pump.doseCommit(pumpRequest(ctx))));
    api.post("/api/patients/{id}/pump/post-mri", Api.STAFF, ctx -> reply(ctx, pump.postMri(pumpRequest(ctx))));
  }

  private static PumpWorkflows.Request pumpRequest(Context ctx) {
    Principal who = Guard.principal(ctx);
    long patient = Api.id(ctx, "id");
    Body body = ctx.body().isBlank() ? Body.parse("{}") : Body.parse(ctx.body());
    return new PumpWorkflows.Request(who, patient, body, ctx.ip());
  }

  private static void reply(Context ctx, Once.Reply r) {
    ctx.status(r.status()).json(r.body());
  }

  /** Co-sign requests: asked for by the operator, approved by a second person in their own session. */
  private static void coSignRoutes(Api api, CoSigns coSigns) {
    api.post("/api/patients/{id}/cosigns", Api.STAFF, ctx -> {
      Principal p = Guard.principal(ctx);
      ctx.status(201).json(coSigns.request(Api.id(ctx, "id"), Body.parse(ctx.body()), p, ctx.ip()));
    });
    api.get("/api/cosigns", Api.STAFF, ctx -> ctx.json(coSigns.pending()));
    api.get("/api/cosigns/{cosignId}", Api.STAFF, ctx -> ctx.json(coSigns.one(Api.id(ctx, "cosignId"))));
    api.post("/api/cosigns/{cosignId}/approve", Api.STAFF, ctx -> {
      Principal p = Guard.principal(ctx);
      ctx.json(coSigns.approve(Api.id(ctx, "cosignId"), p, ctx.ip()));
    });
  }

  /** What the route handlers use. */
  private record Services(Jdbi jdbi, Clock clock, Sessions sessions, Patients patients, Records records, Refills refills,
      Planning planning, Reports reports, Charts charts, PatientPage patientPage, DashboardCache dashboard, Once once,
      SecondPerson secondPerson) {}

  /**
   * The route table: one line per route with the roles that may call it ({@link Api} checks the role
   * before the handler runs; a patient reaches only their own record, others answer 404).
   */
  private static void routes(Api api, Services s, String loginsNote) {
    Jdbi jdbi = s.jdbi();
    Clock clock = s.clock();
    Mri mri = new Mri(jdbi, clock);
    Discrepancies discrepancies = new Discrepancies(jdbi, clock);
    api.post("/api/login", Api.OPEN, ctx -> login(ctx, s.sessions()));
    api.get("/api/login", Api.OPEN, ctx -> ctx.json(new Responses.LoginPage(loginsNote)));
    api.post("/api/logout", Api.ANY, ctx -> {
      s.sessions().logout(Guard.principal(ctx), ctx.ip());
      ctx.cookie(Guard.sessionCookie("", true, Guard.overTls(ctx)));
      ctx.json(new Responses.LoggedOut(true));
    });
    api.get("/api/me", Api.ANY, ClinicApi::me);
    api.get("/api/openapi.yaml", Api.ANY, ctx -> ctx.contentType("application/yaml").result(openApi()));
    api.get("/api/dashboard", Api.STAFF, ctx ->
        ctx.json(s.dashboard().items(limit(ctx, Planning.DEFAULT_LIMIT, Planning.MAX_LIMIT)).stream().map(Planning.Item::json).toList()));
    api.get("/api/calendar.ics", Api.STAFF, ctx -> ical(ctx, "OpenITB clinic refills", s.planning().items(null, Planning.MAX_LIMIT), clock));
    api.get("/api/audit", Api.AUDITORS, ctx -> ctx.json(jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_log ORDER BY id DESC LIMIT :l")
        .bind("l", limit(ctx, AUDIT_LIMIT, AUDIT_LIMIT)).mapToMap().list()).stream().map(Responses.AuditEntry::of).toList()));
    api.post("/api/users", Api.ADMINS, ctx -> ctx.status(201).json(Users.create(jdbi, clock, Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip())));
    api.post("/api/users/{userId}/password", Api.ADMINS, ctx ->
        ctx.json(Users.reset(jdbi, clock, Api.id(ctx, "userId"), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip())));
    api.post("/api/users/{userId}/deactivate", Api.ADMINS, ctx ->
        ctx.json(Users.deactivate(jdbi, clock, Api.id(ctx, "userId"), Guard.principal(ctx), ctx.ip())));
    api.get("/api/users", Api.ADMINS, ctx -> ctx.json(Users.list(jdbi, clock)));
    api.post("/api/users/{userId}/activate", Api.ADMINS, ctx ->
        ctx.json(Users.activate(jdbi, clock, Api.id(ctx, "userId"), Guard.principal(ctx), ctx.ip())));
    api.post("/api/users/{userId}/sessions/end", Api.ADMINS, ctx ->
        ctx.json(Users.endSessions(jdbi, clock, Api.id(ctx, "userId"), Guard.principal(ctx), ctx.ip())));
    api.post("/api/me/password", Api.ANY, ctx -> ctx.json(Users.changeOwn(jdbi, clock, Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip())));
    api.get("/api/me/sessions", Api.ANY, ctx -> ctx.json(Users.ownSessions(jdbi, clock, Guard.principal(ctx))));
    api.post("/api/me/sessions/end", Api.ANY, ctx ->
        ctx.json(Users.endOwnOtherSessions(jdbi, clock, Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip())));
    api.post("/api/me/totp", Api.ANY, ctx -> ctx.json(Users.startTotp(jdbi, clock, Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip())));
    api.post("/api/me/totp/confirm", Api.ANY, ctx -> ctx.json(Users.confirmTotp(jdbi, clock, Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip())));
    api.get("/api/patients", Api.STAFF, ctx -> ctx.json(s.patients().search(ctx.queryParam("q"), SEARCH_LIMIT)));
    api.post("/api/patients", Api.STAFF, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(201, s.patients().create(Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip()))));
    api.get("/api/patients/{id}", Api.READERS, ctx -> ctx.json(s.patientPage().read(reader(ctx))));
    api.put("/api/patients/{id}", Api.STAFF, ctx -> ctx.json(s.patients().update(existing(s, ctx), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip())));
    api.post("/api/patients/{id}/implants", Api.CLINICIANS, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(201, s.records().implant(existing(s, ctx), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip()))));
    api.post("/api/patients/{id}/prescriptions", Api.CLINICIANS, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(201, s.records().prescribe(existing(s, ctx), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip()))));
    api.post("/api/patients/{id}/refills", Api.STAFF, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(201, s.refills().record(existing(s, ctx), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip(), s.secondPerson()))));
    api.post("/api/patients/{id}/refills/{refillId}/resolve", Api.STAFF, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(200, discrepancies.resolve(existing(s, ctx), Api.id(ctx, "refillId"), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip()))));
    api.get("/api/patients/{id}/refills/{refillId}/record.pdf", Api.READERS, ctx ->
        pdf(ctx, s.reports().refillRecord(reader(ctx), Api.id(ctx, "refillId")), "refill-record.pdf"));
    api.post("/api/patients/{id}/trials", Api.STAFF, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(201, s.records().trial(existing(s, ctx), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip()))));
    api.post("/api/patients/{id}/alarms", Api.STAFF, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(201, s.records().alarm(existing(s, ctx), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip()))));
    api.post("/api/patients/{id}/alarms/{alarmId}/clear", Api.STAFF, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(200, s.records().clearAlarm(existing(s, ctx), Api.id(ctx, "alarmId"), Guard.principal(ctx), ctx.ip()))));
    api.post("/api/patients/{id}/sessions", Api.STAFF, ctx -> s.once().run(ctx, Guard.principal(ctx), () -> {
      String raw = ctx.body();
      return new Once.Reply(201, s.records().importSession(existing(s, ctx), raw, Body.parse(raw), Guard.principal(ctx), ctx.ip()));
    }));
    api.get("/api/patients/{id}/sessions/{sessionId}", Api.READERS, ctx -> sessionRecord(ctx, jdbi));
    api.post("/api/patients/{id}/mri", Api.STAFF, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(201, mri.record(existing(s, ctx), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip(), s.records()))));
    api.post("/api/patients/{id}/mri/{scanId}/check", Api.STAFF, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(200, mri.check(existing(s, ctx), Api.id(ctx, "scanId"), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip(), s.records()))));
    api.post("/api/patients/{id}/replacements", Api.CLINICIANS, ctx -> s.once().run(ctx, Guard.principal(ctx), () ->
        new Once.Reply(201, s.records().replacement(existing(s, ctx), Body.parse(ctx.body()), Guard.principal(ctx), ctx.ip()))));
    api.get("/api/patients/{id}/calendar.ics", Api.READERS, ctx -> {
      long id = reader(ctx);
      ical(ctx, "ITB refills: " + s.patients().get(id).name(), s.planning().items(id, Planning.MAX_LIMIT), clock);
    });
    api.get("/api/patients/{id}/id-card.pdf", Api.READERS, ctx -> pdf(ctx, s.reports().idCard(reader(ctx)), "itb-id-card.pdf"));
    api.get("/api/patients/{id}/discharge.pdf", Api.READERS, ctx -> pdf(ctx, s.reports().dischargeSheet(reader(ctx)), "discharge-sheet.pdf"));
    api.get("/api/patients/{id}/charts/{kind}/{format}", Api.READERS, ctx -> chart(ctx, s.charts()));
  }

  private static void login(Context ctx, Sessions sessions) {
    Body b = Body.parse(ctx.body());
    String password = b.secret("password");
    if (password.length() > Passwords.MAX * 2) {
      throw ApiException.badRequest("password too long", "password", Body.SECRET, Passwords.ALLOWED);
    }
    var s = sessions.login(b.text("username", 64), password, b.has("code") ? b.secret("code") : null,
        Guard.clientAddress(ctx));
    ctx.cookie(Guard.sessionCookie(s[0], false, Guard.overTls(ctx)));
    ctx.json(new Responses.CsrfToken(s[1]));
  }

  private static void me(Context ctx) {
    Principal p = Guard.principal(ctx);
    ctx.json(new Responses.Me(p.username(), p.role().name(), p.patientId(), p.csrfToken()));
  }

  private static void sessionRecord(Context ctx, Jdbi jdbi) {
    long id = reader(ctx);
    long sid = Api.id(ctx, "sessionId");
    String body = jdbi.withHandle(h -> h.createQuery("SELECT body FROM session_record WHERE id = :s AND patient_id = :p")
        .bind("s", sid).bind("p", id).mapTo(String.class).findOne()).orElseThrow(() -> ApiException.notFound("session record " + sid));
    ctx.contentType("application/json").result(body);
  }

  private static void chart(Context ctx, Charts charts) {
    long id = reader(ctx);
    Charts.Kind kind = choice(Charts.Kind.class, "kind", ctx.pathParam("kind"));
    Charts.Format format = choice(Charts.Format.class, "format", ctx.pathParam("format"));
    var chart = charts.chart(id, kind);
    // The title also as a header: SVG text is drawn as paths, and a client can show it as the image's description.
    ctx.header(Charts.TITLE_HEADER, chart.getTitle());
    ctx.contentType(format == Charts.Format.PNG ? "image/png" : "image/svg+xml").result(charts.render(chart, format));
  }

  /** The patient id of the path when that patient exists (404 otherwise). */
  private static long existing(Refills refills, Context ctx) {
    long id = Api.id(ctx, "id");
    refills.requirePatient(id);
    return id;
  }

  /** An optional query text for a printout, at most 40 characters. */
  private static String limited(String v) {
    return v == null ? "" : v.length() > 40 ? v.substring(0, 40) : v;
  }

  static String openApi() {
    try (InputStream in = ClinicApi.class.getResourceAsStream("/openapi.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The patient id of the path if the caller may read that patient. */
  private static long reader(Context ctx) {
    Principal p = Guard.principal(ctx);
    long id = Api.id(ctx, "id");
    p.requireAccessTo(id);
    return id;
  }

  private static long existing(Services s, Context ctx) {
    long id = Api.id(ctx, "id");
    s.patients().get(id);
    return id;
  }

  private static int limit(Context ctx, int fallback, int max) {
    String v = ctx.queryParam("limit");
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1 || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("limit out of range", "limit", v, "1-" + max);
    }
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String field, String v) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    throw ApiException.badRequest("unknown " + field, field, v, java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT));
  }

  private static void pdf(Context ctx, byte[] pdf, String name) {
    ctx.contentType("application/pdf").header("Content-Disposition", "attachment; filename=\"" + name + "\"").result(pdf);
  }

  private static void ical(Context ctx, String name, List<Planning.Item> items, Clock clock) {
    List<ICalendar.Event> events = items.stream()
        .filter(i -> i.kind() == Planning.Kind.REFILL || i.kind() == Planning.Kind.REPLACEMENT)
        .map(i -> new ICalendar.Event(i.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + i.patientId() + "@openitb",
            i.appointment(),
            (i.kind() == Planning.Kind.REFILL ? "ITB pump refill: " : "ITB pump replacement: ") + i.name() + " (" + i.mrn() + ")",
            i.detail()))
        .toList();
    ctx.contentType("text/calendar; charset=utf-8").result(ICalendar.write(name, events, clock));
  }
}
