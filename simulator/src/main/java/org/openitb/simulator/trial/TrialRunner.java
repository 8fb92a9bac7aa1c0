// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Runs a trial on this machine: every (arm, patient) through {@link TrialPatient#run} on a pool of
 * {@code threads}, results put back in (arm, patient id) order, so the outcomes are identical for
 * any number of threads.
 */
public final class TrialRunner {
  private TrialRunner() {}

  /**
   * Runs every arm's patients.
   *
   * @param progress called with the number of (arm, patient) runs finished so far, from worker threads
   * @return per arm (spec order), the outcomes in patient id order
   */
  public static List<List<PatientOutcome>> run(TrialSpec spec, int threads, LongConsumer progress) {
    if (threads < 1) {
      throw new org.openitb.therapy.units.InvalidValueException("--threads", String.valueOf(threads), ">= 1", "no threads");
    }
    int n = spec.patients();
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      int chunk = Math.max(1, Math.min(256, n / (threads * 8) + 1));
      List<List<Future<List<PatientOutcome>>>> futures = new ArrayList<>();
      for (Arm arm : spec.arms()) {
        List<Future<List<PatientOutcome>>> perArm = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
          int lo = from;
          int hi = Math.min(n, from + chunk);
          perArm.add(pool.submit(() -> {
            List<PatientOutcome> out = new ArrayList<>(hi - lo);
            for (long id = lo; id < hi; id++) {
              out.add(TrialPatient.run(spec, arm, id));
              progress.accept(done.incrementAndGet());
            }
            return out;
          }));
        }
        futures.add(perArm);
      }
      List<List<PatientOutcome>> result = new ArrayList<>();
      for (List<Future<List<PatientOutcome>>> perArm : futures) {
        List<PatientOutcome> outcomes = new ArrayList<>(n);
        for (Future<List<PatientOutcome>> f : perArm) {
          outcomes.addAll(f.get());
        }
        result.add(outcomes);
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("trial interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
