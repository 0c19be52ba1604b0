package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.DType;
import io.nabla.model.Net;
import io.nabla.train.Evaluation;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fit whose step size is absurd stops, in either mode, with one error naming the round and the
 * step size, as {@code nabla train} does, leaving nothing cached; the same fit at a sane step size
 * is untouched by the rule and learns.
 */
class FitDivergenceTest {

  private static final Blobs DATA = Blobs.of(400, 6, 3, 31);

  /**
   * 2 partitions of 200 rows. Local mode: batch 10, 20 steps a round, 4 rounds; sync mode: 60
   * steps of 40 rows (a batch of 10 is now and then all classified right, even by a net that has
   * diverged, and its loss of 0 would start the rule's count of 50 again).
   */
  private static DistributedTrainer.Builder trainer(TrainingMode mode, double stepSize) {
    boolean sync = mode == TrainingMode.SYNC_GRADIENT;
    return DistributedTrainer.builder(6, 8, 3).mode(mode).stepSize(stepSize).batchSize(sync ? 40 : 10)
        .maxIter(sync ? 60 : 4);
  }

  private static Dataset<Row> data() {
    return DATA.dataset(LocalSpark.session(), 2);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrainingMode.class)
  void aFitAtStepSize1e30StopsWithOneErrorNamingTheRoundAndTheStepSize(TrainingMode mode) {
    List<RoundSummary> heard = new ArrayList<>();
    FitDivergedException e = assertThrows(FitDivergedException.class,
        () -> trainer(mode, 1e30).listener(heard::add).build().fit(data(), "features", "label"));
    String message = e.getMessage();
    assertTrue(message.startsWith("training diverged in round " + e.round() + " of " + e.rounds()
        + " at step size 1.0E30: the loss became "), message);
    assertTrue(message.endsWith("; try a smaller step size than 1.0E30"), message);
    assertTrue(e.round() >= 1 && e.round() <= e.rounds(), message);
    assertEquals(e.round() - 1, heard.size(), "the listeners hear the rounds before the one that diverged");
    assertEquals(1e30, e.stepSize());
    assertEquals(0, LocalSpark.session().sparkContext().getPersistentRDDs().size(), "the shards are released");
    assertEquals(List.of(), FitLeavesNothingBehindTest.nablaBroadcasts(), "and the round's broadcasts");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrainingMode.class)
  void theClassifierStopsWithTheSameError(TrainingMode mode) {
    boolean sync = mode == TrainingMode.SYNC_GRADIENT;
    NablaClassifier classifier = new NablaClassifier().setLayers(new int[] {6, 8, 3}).setMode(mode.label())
        .setStepSize(1e30).setBatchSize(sync ? 40 : 10).setMaxIter(sync ? 60 : 4);
    FitDivergedException e = assertThrows(FitDivergedException.class, () -> classifier.fit(data()));
    assertTrue(e.getMessage().startsWith("training diverged in round "), e.getMessage());
    assertTrue(e.getMessage().contains(" at step size 1.0E30: "), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrainingMode.class)
  void theSameFitAtASaneStepSizeRunsEveryRoundAndLearns(TrainingMode mode) {
    FitResult fit = trainer(mode, 0.5).build().fit(data(), "features", "label");
    assertEquals(mode == TrainingMode.SYNC_GRADIENT ? 60 : 4, fit.rounds().size());
    List<Double> losses = fit.rounds().stream().map(RoundSummary::loss).toList();
    assertTrue(losses.get(losses.size() - 1) < 0.8 * losses.get(0), mode + ": the loss falls: " + losses);
    Net net = fit.net();
    double accuracy = Evaluation.accuracy(net, DATA.labeled(net.parameters().get(0).value().backend(),
        DType.FLOAT32), Evaluation.DEFAULT_BATCH);
    assertTrue(accuracy > 0.75, mode + ": it learned the blobs: " + accuracy);
  }
}
