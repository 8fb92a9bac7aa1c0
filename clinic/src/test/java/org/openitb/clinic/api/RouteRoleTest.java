// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.TestSupport;
import org.openitb.clinic.security.Role;

/**
 * The route table x every role: a role the table does not list for a route gets 403 before the
 * handler runs, a listed role never does, and without a login every route but the login answers 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteRoleTest {
  ClinicServer server;
  long own;
  long throwaway;
  final Map<Role, TestSupport.Client> clients = new EnumMap<>(Role.class);

  @BeforeAll
  void start() {
    server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("routes")).withDemoPatients(2));
    clients.put(Role.CLINICIAN, TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD));
    clients.put(Role.NURSE, TestSupport.Client.login(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD));
    clients.put(Role.ADMINISTRATOR, TestSupport.Client.login(server.port(), DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD));
    clients.put(Role.PATIENT, TestSupport.Client.login(server.port(), DemoClinic.PATIENT_USER, DemoClinic.PATIENT_PASSWORD));
    own = TestSupport.json(clients.get(Role.PATIENT).get("/api/me").body()).get("patientId").asLong();
    // user routes act on this login, never on the ones the test logs in with
    throwaway = TestSupport.json(clients.get(Role.ADMINISTRATOR).post("/api/users",
        "{\"username\":\"throwaway\",\"password\":\"an unrelated long phrase 7\",\"role\":\"NURSE\"}").body()).get("id").asLong();
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  @Test
  void everyRouteIsInTheTableWithItsRoles() {
    assertThat(server.routeTable()).hasSize(server.routes().size()).hasSizeGreaterThan(25);
    assertThat(server.routeTable()).filteredOn(Api.Route::open).extracting(Api.Route::toString)
        .containsExactlyInAnyOrder("POST /api/login", "GET /api/login");
    assertThat(server.routeTable()).filteredOn(r -> r.path().startsWith("/api/users")).hasSizeGreaterThanOrEqualTo(6)
        .allSatisfy(r -> assertThat(r.roles()).as(r.toString()).containsExactly(Role.ADMINISTRATOR));
    assertThat(server.routeTable()).filteredOn(r -> r.path().endsWith("/prescriptions")).singleElement()
        .satisfies(r -> assertThat(r.roles()).containsExactly(Role.CLINICIAN));
  }

  @Test
  void theTableIsTheOneSourceOfRoutesRolesAndHandlers() {
    assertThat(server.routeTable()).allSatisfy(r -> assertThat(r.handler()).as(r.toString()).isNotNull());
    assertThat(server.routeTable().stream().map(Api.Route::toString).toList()).doesNotHaveDuplicates().isEqualTo(server.routes());
    // every role is refused somewhere (the walk below checks each refusal)
    for (Role role : Role.values()) {
      assertThat(server.routeTable()).as(role.toString()).anyMatch(r -> !r.open() && !r.roles().contains(role));
    }
  }

  @Test
  void eachRoleIsRefusedExactlyTheRoutesTheTableDoesNotGiveIt() {
    long refused = 0;
    for (Api.Route route : server.routeTable()) {
      if (route.open()) {
        continue;
      }
      String path = route.path().replace("{id}", String.valueOf(own)).replace("{userId}", String.valueOf(throwaway))
          .replaceAll("\\{[^}]+}", "1");
      for (Role role : Role.values()) {
        // these end the calling session: a fresh login each time
        boolean logout = route.toString().equals("POST /api/logout") || route.path().startsWith("/api/me/password");
        TestSupport.Client c = logout ? login(role) : clients.get(role);
        long audit = auditRows();
        HttpResponse<String> r = c.send(route.method(), path, "{}");
        String what = role + " " + route + " -> " + r.statusCode() + " " + r.body();
        if (route.roles().contains(role)) {
          assertThat(r.statusCode()).as(what).isNotIn(401, 403);
        } else {
          assertThat(r.statusCode()).as(what).isEqualTo(403);
          assertThat(TestSupport.json(r.body()).get("error").asText()).as(what).contains("role " + role);
          // refused before its handler ran: nothing was written
          assertThat(auditRows()).as(what).isEqualTo(audit);
          refused++;
        }
      }
    }
    // e.g. a nurse's prescription, a patient's dashboard, an administrator's refill
    assertThat(refused).isGreaterThan(server.routeTable().size());
  }

  private long auditRows() {
    return server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
  }

  @Test
  void withoutALoginOnlyTheLoginIsOpen() {
    TestSupport.Client anon = new TestSupport.Client(server.port());
    for (Api.Route route : server.routeTable()) {
      HttpResponse<String> r = anon.send(route.method(), route.path().replaceAll("\\{[^}]+}", "1"), "{}");
      if (route.open()) {
        assertThat(r.statusCode()).as(route.toString()).isEqualTo(route.method().equals("GET") ? 200 : 400);
      } else {
        assertThat(r.statusCode()).as(route.toString()).isEqualTo(401);
      }
    }
  }

  private TestSupport.Client login(Role role) {
    return switch (role) {
      case CLINICIAN -> TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      case NURSE -> TestSupport.Client.login(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
      case ADMINISTRATOR -> TestSupport.Client.login(server.port(), DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD);
      case PATIENT -> TestSupport.Client.login(server.port(), DemoClinic.PATIENT_USER, DemoClinic.PATIENT_PASSWORD);
    };
  }
}
