package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.data.LabeledData;
import io.nabla.model.Net;
import io.nabla.model.WeightInit;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.tensor.Tensor;
import io.nabla.train.Evaluation;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nets with batch normalization fitted on Spark: its running statistics travel with the
 * parameters. One partition is single-machine training in both modes, buffers included; with
 * several, local steps average the partitions' running statistics as they average parameters, and
 * a synchronous step averages the statistics each partition's rows moved, weighted by its share of
 * the batch. Each is compared with an in-process reference written with core's API alone ({@link
 * SingleMachine}), bit for bit.
 */
class BatchNormFitTest {

  /** A residual block holds the second batch normalization: the rule reaches nested layers. */
  private static final String NET = "affine(8) batchnorm relu residual(affine(8) batchnorm relu) affine(3)";
  private static final int FEATURES = 6;
  private static final Blobs DATA = Blobs.of(240, FEATURES, 3, 11);
  private static final long SEED = 7;
  private static final double RATE = 0.05;

  private static DistributedTrainer.Builder trainer(TrainingMode mode, DType dtype, Backend backend) {
    return DistributedTrainer.builder(NET, FEATURES).mode(mode).optimizer(OptimizerKind.MOMENTUM).stepSize(RATE)
        .weightInit(WeightInit.he()).seed(SEED).dtype(dtype).backend(backend.name());
  }

  private static Net initialNet(DType dtype, Backend backend) {
    return Net.builder(NET, FEATURES).weightInit(WeightInit.he()).seed(SEED).dtype(dtype).backend(backend).build();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrainingMode.class)
  void onePartitionIsSingleMachineTrainingBuffersIncluded(TrainingMode mode) {
    Backend backend = Backends.current();
    for (DType dtype : DType.values()) {
      // 240 rows, batch 40: local mode's 3 rounds of one pass are 18 steps, as are 18 sync steps.
      Net reference = SingleMachine.train(initialNet(dtype, backend), DATA.labeled(backend, dtype),
          OptimizerKind.MOMENTUM, RATE, 40, 18, SEED);
      Net distributed = trainer(mode, dtype, backend).batchSize(40).maxIter(mode == TrainingMode.SYNC_GRADIENT ? 18 : 3)
          .build().fit(DATA.dataset(LocalSpark.session(), 1), "features", "label").net();
      assertEquals(4, distributed.buffers().size(), "two batch normalizations' running mean and variance");
      assertTrue(SingleMachine.sameBits(reference, distributed),
          mode + " " + dtype + ": differs by " + SingleMachine.maxDifference(reference, distributed));
      assertMoved(distributed);
    }
  }

  @Test
  void localStepsAverageThePartitionsRunningStatistics() {
    Backend backend = Backends.current();
    Dataset<Row> data = DATA.dataset(LocalSpark.session(), 3);
    int[] rows = Blobs.rowsPerPartition(data);
    Net reference = SingleMachine.averagedRuns(initialNet(DType.FLOAT64, backend),
        DATA.labeled(backend, DType.FLOAT64), rows, OptimizerKind.MOMENTUM, RATE, 30, 4, 5, SEED);
    Net distributed = trainer(TrainingMode.LOCAL_STEPS, DType.FLOAT64, backend).batchSize(30).localSteps(4).maxIter(5)
        .build().fit(data, "features", "label").net();
    assertTrue(SingleMachine.sameBits(reference, distributed),
        "differs by " + SingleMachine.maxDifference(reference, distributed));
    assertMoved(distributed);
  }

  @Test
  void aSyncStepAveragesTheStatisticsEachPartitionsRowsMoved() {
    Backend backend = Backends.current();
    Dataset<Row> data = DATA.dataset(LocalSpark.session(), 2);
    int[] rows = Blobs.rowsPerPartition(data);
    Net reference = SingleMachine.syncSteps(initialNet(DType.FLOAT64, backend), DATA.labeled(backend, DType.FLOAT64),
        rows, OptimizerKind.MOMENTUM, RATE, 60, 12, SEED);
    Net distributed = trainer(TrainingMode.SYNC_GRADIENT, DType.FLOAT64, backend).batchSize(60).maxIter(12).build()
        .fit(data, "features", "label").net();
    assertTrue(SingleMachine.sameBits(reference, distributed),
        "differs by " + SingleMachine.maxDifference(reference, distributed));
    assertMoved(distributed);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrainingMode.class)
  void theFittedModelScoresWithTheRunningStatisticsItWasFittedWith(TrainingMode mode) {
    Dataset<Row> data = DATA.dataset(LocalSpark.session(), 2);
    int rounds = mode == TrainingMode.SYNC_GRADIENT ? 30 : 10;
    NablaClassificationModel model = new NablaClassifier().setNet(NET).setInputShape(new int[] {FEATURES})
        .setWeightInit("he").setOptimizer("momentum").setStepSize(RATE).setBatchSize(40).setMode(mode.label())
        .setMaxIter(rounds).setSeed(SEED).setDtype("float64").fit(data);
    Net net = model.net();
    assertMoved(net);
    // The model holds the fit's net, statistics included: the trainer's fit of the same settings.
    Net fitted = trainer(mode, DType.FLOAT64, Backends.current()).batchSize(40).maxIter(rounds).build()
        .fit(data, "features", "label").net();
    assertTrue(SingleMachine.sameBits(fitted, net), mode + ": differs by " + SingleMachine.maxDifference(fitted, net));
    // Scored in evaluation mode, by the running statistics: the blobs are learnable.
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(model.transform(data));
    assertTrue(accuracy > 0.9, mode + ": training accuracy " + accuracy);
    // The same scores as the net on one machine (its evaluation reads the same running statistics).
    LabeledData labeled = DATA.labeled(net.parameters().get(0).value().backend(), DType.FLOAT64);
    double[] expected = net.scores(labeled.images()).toDoubleArray();
    double[] scored = model.transform(data).select("rawPrediction").collectAsList().stream()
        .flatMapToDouble(r -> java.util.Arrays.stream(((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray()))
        .toArray();
    assertArrayEquals(expected, scored, 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrainingMode.class)
  void eachRoundsValidationAccuracyScoresWithTheRunningStatistics(TrainingMode mode) {
    Backend backend = Backends.current();
    Blobs train = DATA.slice(0, 160);
    Blobs validation = DATA.slice(160, 240);
    FitResult fit = trainer(mode, DType.FLOAT64, backend).batchSize(40).maxIter(mode == TrainingMode.SYNC_GRADIENT ? 8 : 2)
        .build().fit(train.dataset(LocalSpark.session(), 2), "features", "label",
            validation.dataset(LocalSpark.session(), 2));
    RoundSummary last = fit.rounds().get(fit.rounds().size() - 1);
    assertTrue(last.evaluated(), "the last round is evaluated");
    // The fitted net scored here, in evaluation mode (by its running statistics), on the same rows.
    Net net = fit.net();
    LabeledData rows = validation.labeled(backend, DType.FLOAT64);
    assertEquals(Evaluation.accuracy(net, rows, Evaluation.batchFor(net)), last.validationAccuracy(), 1e-12, mode.label());
  }

  /** The running statistics are not the initial zeros and ones: the fit's passes moved them. */
  private static void assertMoved(Net net) {
    for (var entry : net.buffers().entrySet()) {
      Tensor buffer = entry.getValue();
      double initial = entry.getKey().startsWith("running_var") ? 1 : 0;
      for (double v : buffer.toDoubleArray()) {
        assertNotEquals(initial, v, entry.getKey() + " still holds its initial value");
        assertTrue(Double.isFinite(v), entry.getKey() + ": " + v);
      }
    }
  }
}
