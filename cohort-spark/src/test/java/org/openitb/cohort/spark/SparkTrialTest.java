// SPDX-License-Identifier: Apache-2.0
package org.openitb.cohort.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openitb.simulator.trial.ArmSummary;
import org.openitb.simulator.trial.PatientOutcome;
import org.openitb.simulator.trial.TrialRunner;
import org.openitb.simulator.trial.TrialSpec;
import org.openitb.simulator.trial.TrialSpecLoader;
import scala.Tuple2;

/** The Spark runner gives exactly the local runner's outcomes for the same seeds, on local[*]. */
class SparkTrialTest {
  private static final int PATIENTS = 12;
  private static SparkSession spark;
  private static String yaml;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSession.builder().master("local[*]").appName("openitb-test").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    yaml = Files.readString(Path.of("../examples/trials/refill-policy.yaml"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void sameSeedsGiveTheLocalRunnersResultsWhateverThePartitioning() {
    TrialSpec spec = TrialSpecLoader.parse(yaml).withPatients(PATIENTS).withSeed(99);
    List<String> local = TrialRunner.run(spec, 2, n -> { }).stream().flatMap(List::stream).map(PatientOutcome::csvRow).toList();
    List<String> three = SparkTrial.outcomes(spark, yaml, PATIENTS, 99, 3).collectAsList().stream().map(Tuple2::_2).toList();
    List<String> seven = SparkTrial.outcomes(spark, yaml, PATIENTS, 99, 7).collectAsList().stream().map(Tuple2::_2).toList();
    assertThat(three).hasSize(PATIENTS * spec.arms().size()).isEqualTo(local);
    assertThat(seven).isEqualTo(local);
  }

  @Test
  void theSparkSummaryIsTheLocalSummary() {
    TrialSpec spec = TrialSpecLoader.parse(yaml).withPatients(PATIENTS).withSeed(7);
    List<List<PatientOutcome>> local = TrialRunner.run(spec, 2, n -> { });
    List<ArmSummary> summaries = new java.util.ArrayList<>();
    for (int i = 0; i < spec.arms().size(); i++) {
      summaries.add(ArmSummary.of(spec.arms().get(i).name(), local.get(i)));
    }
    List<String> sparkSummary = SparkTrial.summaryCsv(spark, SparkTrial.outcomes(spark, yaml, PATIENTS, 7, 4), spec);
    List<String> localSummary = ArmSummary.csv(summaries);
    assertThat(sparkSummary).hasSameSizeAs(localSummary);
    assertThat(sparkSummary.get(0)).isEqualTo(localSummary.get(0));
    for (int i = 1; i < localSummary.size(); i++) {
      // Spark sums in its own order: equal up to the last printed digit (3 decimals)
      String[] a = sparkSummary.get(i).split(",(?=[^\"]*(\"[^\"]*\"[^\"]*)*$)");
      String[] b = localSummary.get(i).split(",(?=[^\"]*(\"[^\"]*\"[^\"]*)*$)");
      assertThat(List.of(a).subList(0, 3)).isEqualTo(List.of(b).subList(0, 3));
      for (int j = 3; j < 6; j++) {
        assertThat(Double.parseDouble(a[j])).as(localSummary.get(i)).isCloseTo(Double.parseDouble(b[j]), org.assertj.core.data.Offset.offset(0.0015));
      }
    }
  }
}
