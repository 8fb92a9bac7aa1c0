// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A 2xx means durable: a real server process takes a burst of writes (new patients and alarms) from
 * {@value #THREADS} threads and is killed with SIGKILL mid-burst; after a restart every write that
 * was answered 2xx is in the database with its audit row. {@value #ROUNDS} rounds per database. On H2
 * also the store alone: a writer process killed among thousands of commits loses none it acknowledged.
 */
class CrashTest {
  static final int ROUNDS = 3;
  static final int THREADS = 4;
  /** Writes each thread sends at most (the burst is bounded even if the kill came late). */
  static final int WRITES_PER_THREAD = 60;
  /** The server is killed once this many writes were acknowledged. */
  static final int KILL_AFTER = 40;
  /** Only a bound against a hung child process, never an expected duration. */
  static final long BOUND_SECONDS = 120;

  /** H2 files {@link #everyCommitSurvivesKillAmongThousandsOnTheH2File} writes, each killed {@value #STORE_KILLS} times. */
  static final int STORE_FILES = 3;
  static final int STORE_KILLS = 5;
  /** Commits acknowledged before a kill: at least this many, up to this many again at random (the kill lands anywhere). */
  static final int STORE_KILL_AFTER = 200;

  record Ack(String table, long id) {}

  /**
   * The store alone, without HTTP: {@link CrashWriter} commits (one writer at a time, as the server) through the
   * clinic's pool settings and is killed among thousands of commits, several times on one file; every commit it
   * acknowledged is then in the file with its audit row. With H2's default WRITE_DELAY (500 ms) this loses the
   * last commits of nearly every kill; with WRITE_DELAY 0 but H2's default REUSE_SPACE it lost commits in most runs
   * (see {@link CrashWriter#url} and {@code Database.H2_REUSE_SPACE}); with both settings of the clinic none.
   */
  @Test
  void everyCommitSurvivesKillAmongThousandsOnTheH2File() throws Exception {
    java.util.Random killPoints = new java.util.Random(20261203);
    for (int file = 1; file <= STORE_FILES; file++) {
      Path dir = TestSupport.tempDir("crash-store");
      List<Long> acked = new ArrayList<>();
      for (int kill = 1; kill <= STORE_KILLS; kill++) {
        acked.addAll(commitAndKill(dir, STORE_KILL_AFTER + killPoints.nextInt(STORE_KILL_AFTER)));
      }
      java.util.Set<Long> rows = new java.util.HashSet<>();
      java.util.Set<Long> audited = new java.util.HashSet<>();
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(CrashWriter.url(dir), "sa", "sa");
          java.sql.Statement st = c.createStatement()) {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT id FROM fact")) {
          while (rs.next()) {
            rows.add(rs.getLong(1));
          }
        }
        try (java.sql.ResultSet rs = st.executeQuery("SELECT fact_id FROM fact_audit")) {
          while (rs.next()) {
            audited.add(rs.getLong(1));
          }
        }
        st.execute("SHUTDOWN"); // the embedded database stays open in this JVM otherwise (DB_CLOSE_DELAY=-1)
      }
      assertThat(acked).as("file %d: acknowledged commits", file).hasSizeGreaterThanOrEqualTo(STORE_KILLS * STORE_KILL_AFTER);
      assertThat(acked.stream().filter(id -> !rows.contains(id)).toList()).as("file %d: acknowledged rows missing after kill -9", file)
          .isEmpty();
      assertThat(acked.stream().filter(id -> !audited.contains(id)).toList()).as("file %d: acknowledged audit rows missing", file)
          .isEmpty();
    }
  }

  /** Starts {@link CrashWriter} on {@code dir}, kills it with SIGKILL once {@code killAfter} commits were acknowledged. */
  private static List<Long> commitAndKill(Path dir, int killAfter) throws Exception {
    Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CrashWriter.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Long> acked = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).as("the writer process's first line").isEqualTo("READY");
      String line;
      while (acked.size() < killAfter && (line = out.readLine()) != null) {
        acked.add(Long.parseLong(line.substring("ACK ".length())));
      }
      assertThat(acked).as("acknowledged commits before the kill (the writer ended early?)").hasSize(killAfter);
      // SIGKILL (no shutdown hook, no close) through the process handle: Process.destroyForcibly would also close the
      // pipe, and what the writer printed before it died was acknowledged too, so it is read to the end
      writer.toHandle().destroyForcibly();
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acked.add(Long.parseLong(line.substring("ACK ".length())));
        }
      }
      assertThat(writer.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
      return acked;
    } finally {
      writer.destroyForcibly();
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillOnH2() throws Exception {
    // A fresh folder per round: H2 releases its file lock a moment after SHUTDOWN, and the next round's server process
    // must not race that release (it did, under load). Each round still kills and restarts on its own database file.
    for (int round = 1; round <= ROUNDS; round++) {
      Path dir = TestSupport.tempDir("crash");
      round(List.of("h2", dir.toString()), () -> TestSupport.h2(dir), round);
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillOnPostgres() throws Exception {
    ClinicConfig pg = TestSupport.postgres();
    rounds(List.of("postgres", pg.jdbcUrl(), pg.user(), pg.password()), () -> pg);
  }

  private void rounds(List<String> args, java.util.function.Supplier<ClinicConfig> config) throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      round(args, config, round);
    }
  }

  private void round(List<String> args, java.util.function.Supplier<ClinicConfig> config, int round) throws Exception {
    {
      List<Ack> acked = burstAndKill(args, round);
      assertThat(acked).as("round " + round).hasSizeGreaterThanOrEqualTo(KILL_AFTER);
      try (ClinicServer restarted = ClinicServer.start(config.get())) {
        Jdbi db = restarted.jdbi();
        // every lost write is named with its place in the order of acknowledgement and what the file still holds, so
        // that a failure tells a lost tail (the last commits never reached the file) from a hole
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < acked.size(); i++) {
          Ack a = acked.get(i);
          long rows = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + a.table() + " WHERE id = :i").bind("i", a.id())
              .mapTo(Long.class).one());
          long audit = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE entity = :e AND entity_id = :i AND action = 'create'")
              .bind("e", a.table()).bind("i", String.valueOf(a.id())).mapTo(Long.class).one());
          if (rows != 1 || audit != 1) {
            lost.add(a.table() + " " + a.id() + " (ack " + (i + 1) + " of " + acked.size() + ", row " + rows + ", audit " + audit + ")");
          }
        }
        String held = db.withHandle(h -> h.createQuery("SELECT 'patient ' || COALESCE(MAX(id), 0) FROM patient UNION ALL "
            + "SELECT 'alarm ' || COALESCE(MAX(id), 0) FROM alarm").mapTo(String.class).list()).toString();
        assertThat(lost).as("round %d: acknowledged writes missing after kill -9 (the file's highest ids: %s; acks in order: %s)", round,
            held, acked).isEmpty();
        if (args.get(0).equals("h2")) {
          // the embedded database stays open in this JVM otherwise (DB_CLOSE_DELAY=-1); SHUTDOWN closes the connection under it
          try {
            db.useHandle(h -> h.getConnection().createStatement().execute("SHUTDOWN"));
          } catch (org.jdbi.v3.core.CloseException closedByTheShutdown) {
            // expected: the handle's connection went with the database
          }
        }
      }
    }
  }

  /** A distinct time for each alarm of the burst: one alarm of a kind at one instant is one alarm (the same again is refused). */
  private static String alarmTime(int round, int thread, int i) {
    return java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(((long) round * THREADS + thread) * WRITES_PER_THREAD + i).toString();
  }

  private List<Ack> burstAndKill(List<String> args, int round) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CrashServer.class.getName()));
    cmd.addAll(args);
    Process server = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).as("the server process's first line").startsWith("PORT ");
      int port = Integer.parseInt(line.substring(5).strip());
      TestSupport.Client c = TestSupport.Client.login(port, DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      long patient = TestSupport.json(c.get("/api/patients?q=DEMO-00001").body()).get(0).get("id").asLong();
      Queue<Ack> acked = new ConcurrentLinkedQueue<>();
      CountDownLatch enough = new CountDownLatch(KILL_AFTER);
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        writers.add(Thread.ofPlatform().start(() -> {
          for (int i = 0; i < WRITES_PER_THREAD; i++) {
            try {
              boolean alarm = i % 2 == 1;
              HttpResponse<String> r = alarm
                  ? c.post("/api/patients/" + patient + "/alarms", "{\"kind\":\"LOW_RESERVOIR\",\"at\":\"" + alarmTime(round, thread, i) + "\"}")
                  : c.post("/api/patients", "{\"mrn\":\"CRASH-" + round + "-" + thread + "-" + i
                      + "\",\"name\":\"Crash Test\",\"etiology\":\"SPINAL\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}");
              if (r.statusCode() / 100 != 2) {
                throw new AssertionError(r.statusCode() + " " + r.body());
              }
              acked.add(new Ack(alarm ? "alarm" : "patient", TestSupport.json(r.body()).get("id").asLong()));
              enough.countDown();
            } catch (UncheckedIOException e) {
              return; // the server is gone: this write was never acknowledged
            }
          }
        }));
      }
      assertThat(enough.await(BOUND_SECONDS, TimeUnit.SECONDS)).as("acknowledged writes before the kill").isTrue();
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertThat(server.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
      for (Thread w : writers) {
        w.join();
      }
      return List.copyOf(acked);
    } finally {
      server.destroyForcibly();
    }
  }
}
