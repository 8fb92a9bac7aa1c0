// SPDX-License-Identifier: Apache-2.0
package org.openitb.cohort.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.openitb.simulator.trial.Arm;
import org.openitb.simulator.trial.ArmSummary;
import org.openitb.simulator.trial.PatientOutcome;
import org.openitb.simulator.trial.TrialPatient;
import org.openitb.simulator.trial.TrialSpec;
import org.openitb.simulator.trial.TrialSpecLoader;
import scala.Tuple2;

/**
 * The in-silico trial on Apache Spark: the same pure function as the local runner ({@link
 * TrialPatient#run}), one task per range of (arm, patient) keys. The spec travels to the executors
 * as its YAML text (parsed once per executor JVM), so nothing but strings and longs is serialised.
 * Every outcome depends only on (seed, arm, patient id): results never depend on partitioning.
 *
 * <p>On a cluster (see README "In-silico trials"):
 * <pre>
 * spark-submit --class org.openitb.cohort.spark.SparkTrial --master spark://host:7077 \
 *   --jars $(cat cohort-spark/target/classpath.txt) cohort-spark/target/cohort-spark-0.1.0-SNAPSHOT.jar \
 *   examples/trials/refill-policy.yaml hdfs:///trials/out [patients] [seed]
 * </pre>
 */
public final class SparkTrial {
  private static volatile String cachedYaml;
  private static volatile TrialSpec cachedSpec;

  private SparkTrial() {}

  /** Outcomes as (arm index × patients + patient id, CSV row), in key order. */
  public static Dataset<Tuple2<Long, String>> outcomes(SparkSession spark, String yaml, int patients, long seed, int partitions) {
    TrialSpec spec = spec(yaml, patients, seed);
    long n = (long) spec.patients() * spec.arms().size();
    String y = yaml;
    int p = spec.patients();
    long s = spec.seed();
    MapFunction<Long, Tuple2<Long, String>> run = key -> {
      TrialSpec t = spec(y, p, s);
      Arm arm = t.arms().get((int) (key / t.patients()));
      return new Tuple2<>(key, TrialPatient.run(t, arm, key % t.patients()).csvRow());
    };
    return spark.range(0, n, 1, partitions).as(Encoders.LONG())
        .map(run, Encoders.tuple(Encoders.LONG(), Encoders.STRING()))
        .orderBy("_1");
  }

  /** Per arm, each outcome's mean and 95 % interval, computed by Spark (the same formula as {@link ArmSummary}). */
  public static List<String> summaryCsv(SparkSession spark, Dataset<Tuple2<Long, String>> outcomes, TrialSpec spec) {
    Dataset<Row> rows = spark.read().schema(String.join(", ", schema())).csv(outcomes.map(
        (MapFunction<Tuple2<Long, String>, String>) Tuple2::_2, Encoders.STRING()));
    List<String> lines = new ArrayList<>();
    lines.add("arm,patients,measure,mean,ci95Low,ci95High");
    for (Arm arm : spec.arms()) {
      Dataset<Row> a = rows.filter(functions.col("arm").equalTo(arm.name()));
      for (var m : measures().entrySet()) {
        Row r = a.agg(functions.count(m.getValue()), functions.avg(m.getValue()), functions.stddev_samp(m.getValue())).first();
        long count = r.getLong(0);
        double mean = r.getDouble(1);
        double sd = r.isNullAt(2) ? 0 : r.getDouble(2);
        double half = count > 1 ? 1.959963984540054 * sd / Math.sqrt((double) count) : 0;
        lines.add(String.join(",", arm.name().contains(",") ? "\"" + arm.name() + "\"" : arm.name(), Long.toString(count), m.getKey(),
            fixed(mean), fixed(mean - half), fixed(mean + half)));
      }
    }
    return lines;
  }

  private static java.util.Map<String, org.apache.spark.sql.Column> measures() {
    java.util.Map<String, org.apache.spark.sql.Column> m = new java.util.LinkedHashMap<>();
    m.put("withdrawalDays", functions.col("withdrawalHours").divide(24));
    m.put("moderateOrSevereWithdrawalDays", functions.col("moderateWithdrawalHours").divide(24));
    m.put("overdoseDays", functions.col("overdoseHours").divide(24));
    m.put("respiratoryDepressionOrComaDays", functions.col("respiratoryDepressionHours").divide(24));
    m.put("pumpStoppedDays", functions.col("stoppedHours").divide(24));
    m.put("alarms", functions.col("alarms"));
    m.put("criticalAlarms", functions.col("criticalAlarms"));
    m.put("visits", functions.col("visits"));
    m.put("missedVisits", functions.col("missedVisits"));
    m.put("doseAtOneYearMcgPerDay", functions.col("doseAtOneYearMcgPerDay"));
    m.put("toneAtOneYear", functions.col("toneAtOneYear"));
    return m;
  }

  private static List<String> schema() {
    List<String> s = new ArrayList<>();
    for (String c : PatientOutcome.COLUMNS) {
      String type = switch (c) {
        case "arm", "etiology", "age" -> "STRING";
        case "patient", "alarms", "criticalAlarms", "visits", "missedVisits", "doseAtOneYearMcgPerDay", "finalDoseMcgPerDay", "strokes" -> "LONG";
        default -> "DOUBLE";
      };
      s.add("`" + c + "` " + type);
    }
    return s;
  }

  private static String fixed(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }

  static TrialSpec spec(String yaml, int patients, long seed) {
    if (!yaml.equals(cachedYaml)) {
      cachedSpec = TrialSpecLoader.parse(yaml);
      cachedYaml = yaml;
    }
    TrialSpec t = cachedSpec;
    if (patients > 0) {
      t = t.withPatients(patients);
    }
    return t.withSeed(seed);
  }

  /** {@code SparkTrial SPEC.yaml OUT_DIR [patients] [seed]}: outcomes as text partitions under OUT_DIR/outcomes, and summary.csv. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: SparkTrial SPEC.yaml OUT_DIR [patients] [seed]");
      System.exit(2);
    }
    String yaml = Files.readString(Path.of(args[0]));
    TrialSpec base = TrialSpecLoader.parse(yaml);
    int patients = args.length > 2 ? Integer.parseInt(args[2]) : base.patients();
    long seed = args.length > 3 ? Long.parseLong(args[3]) : base.seed();
    SparkSession spark = SparkSession.builder().appName("openitb-trial " + base.name()).getOrCreate();
    try {
      TrialSpec spec = spec(yaml, patients, seed);
      int partitions = Math.max(spark.sparkContext().defaultParallelism() * 4, 1);
      Dataset<Tuple2<Long, String>> out = outcomes(spark, yaml, patients, seed, partitions).cache();
      out.map((MapFunction<Tuple2<Long, String>, String>) Tuple2::_2, Encoders.STRING()).write().text(args[1] + "/outcomes");
      List<String> summary = summaryCsv(spark, out, spec);
      spark.createDataset(summary, Encoders.STRING()).coalesce(1).write().text(args[1] + "/summary");
      summary.forEach(System.out::println);
    } finally {
      spark.stop();
    }
  }
}
