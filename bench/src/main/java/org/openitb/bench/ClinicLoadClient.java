// SPDX-License-Identifier: Apache-2.0
package org.openitb.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load side of {@code bench/clinic-load}, run in its own JVM: {@code users} virtual users, each
 * logged in with the demo clinician login and its own session, fetch the dashboard
 * ({@code /api/dashboard}) or a random patient's page data ({@code /api/patients/{id}}, what
 * patient.html loads) back to back, with no think time. After a warm-up, latencies are recorded
 * for a fixed wall-clock duration; prints p50/p99/max latency and throughput per endpoint.
 *
 * <p>Usage: {@code ClinicLoadClient <port> <patients> <users> <warmupSeconds> <seconds> [label]}
 */
public final class ClinicLoadClient {
  private static final String[] ENDPOINTS = {"GET /api/dashboard", "GET /api/patients/{id}"};

  private ClinicLoadClient() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("usage: ClinicLoadClient <port> <patients> <users> <warmupSeconds> <seconds> [label]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int patients = Integer.parseInt(args[1]);
    int users = Integer.parseInt(args[2]);
    long warmup = Long.parseLong(args[3]);
    long seconds = Long.parseLong(args[4]);
    String label = args.length > 5 ? args[5] : "clinic";
    long thinkMillis = args.length > 6 ? Long.parseLong(args[6]) : 0;
    String base = "http://127.0.0.1:" + port;
    List<HttpClient> clients = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      HttpClient c = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo\",\"password\":\"demo-clinician\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
      }
      clients.add(c);
    }
    AtomicBoolean recording = new AtomicBoolean(false);
    AtomicBoolean running = new AtomicBoolean(true);
    Recorder[][] rec = new Recorder[users][ENDPOINTS.length];
    AtomicLong errors = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      HttpClient c = clients.get(u);
      Recorder[] mine = rec[u];
      for (int e = 0; e < ENDPOINTS.length; e++) {
        mine[e] = new Recorder();
      }
      SplittableRandom rnd = new SplittableRandom(1000L + u);
      threads.add(Thread.ofVirtual().start(() -> {
        while (running.get()) {
          int e = rnd.nextInt(ENDPOINTS.length);
          String path = e == 0 ? "/api/dashboard" : "/api/patients/" + (1 + rnd.nextInt(patients));
          long t0 = System.nanoTime();
          try {
            HttpResponse<byte[]> r = c.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
            long t = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
              errors.incrementAndGet();
            } else if (recording.get()) {
              mine[e].add(t);
            }
          } catch (IOException ex) {
            errors.incrementAndGet();
          } catch (InterruptedException ex) {
            return;
          }
          if (thinkMillis > 0) {
            try {
              Thread.sleep(Duration.ofNanos((long) (-Math.log(1 - rnd.nextDouble()) * thinkMillis * 1_000_000)));
            } catch (InterruptedException ex) {
              return;
            }
          }
        }
      }));
    }
    Thread.sleep(warmup * 1000);
    errors.set(0);
    recording.set(true);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000);
    recording.set(false);
    double elapsed = (System.nanoTime() - start) / 1e9;
    running.set(false);
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(60));
    }
    System.out.printf(Locale.ROOT, "%-10s %-24s %9s %9s %9s %9s %10s%n", "database", "endpoint", "requests", "p50 ms", "p99 ms", "max ms",
        "req/s");
    long total = 0;
    for (int e = 0; e < ENDPOINTS.length; e++) {
      Recorder all = new Recorder();
      for (int u = 0; u < users; u++) {
        all.addAll(rec[u][e]);
      }
      long[] v = all.sorted();
      total += v.length;
      System.out.printf(Locale.ROOT, "%-10s %-24s %9d %9.1f %9.1f %9.1f %10.1f%n", label, ENDPOINTS[e], v.length, pct(v, 50), pct(v, 99),
          v.length == 0 ? 0 : v[v.length - 1] / 1e6, v.length / elapsed);
    }
    System.out.printf(Locale.ROOT, "%-10s %-24s %9d %9s %9s %9s %10.1f   (%d users, think time %s, %.0f s, %d errors)%n", label, "all",
        total, "", "", "", total / elapsed, users, thinkMillis == 0 ? "none" : "mean " + thinkMillis + " ms", elapsed, errors.get());
    System.exit(errors.get() == 0 ? 0 : 1);
  }

  private static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** Latencies of one user on one endpoint (nanoseconds), written by one thread only. */
  private static final class Recorder {
    private long[] values = new long[1024];
    private int n;

    void add(long v) {
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
      }
      values[n++] = v;
    }

    void addAll(Recorder o) {
      for (int i = 0; i < o.n; i++) {
        add(o.values[i]);
      }
    }

    long[] sorted() {
      long[] v = Arrays.copyOf(values, n);
      Arrays.sort(v);
      return v;
    }
  }
}
