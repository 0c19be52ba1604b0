package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.data.LabeledData;
import io.nabla.model.FeedForwardNet;
import io.nabla.model.Net;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.backend.DType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Local steps with parameter averaging against the references: one partition is single-machine
 * training, K = 1 with SGD is synchronous gradient averaging, P partitions are the in-process
 * average of P single-machine runs, and a run is reproducible to the bit.
 */
class LocalStepsEquivalenceTest {

  private static final int[] LAYERS = {6, 8, 3};
  private static final Blobs DATA = Blobs.of(240, 6, 3, 11);

  private static double learningRate(OptimizerKind kind) {
    return kind == OptimizerKind.ADAM ? 0.01 : 0.1;
  }

  private static DistributedTrainer.Builder trainer(OptimizerKind kind, DType dtype, Backend backend) {
    return DistributedTrainer.builder(LAYERS).optimizer(kind).stepSize(learningRate(kind)).seed(7).dtype(dtype)
        .backend(backend.name());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(OptimizerKind.class)
  void onePartitionIsSingleMachineTrainingBitForBit(OptimizerKind kind) {
    Backend backend = Backends.current();
    for (DType dtype : DType.values()) {
      // 240 rows, batch 50: one pass is 5 steps (the last of 40 rows), 4 rounds are 20 steps.
      FeedForwardNet reference = SingleMachine.train(LAYERS, DATA.labeled(backend, dtype), kind, learningRate(kind),
          50, 20, 7, backend);
      Net distributed = trainer(kind, dtype, backend).batchSize(50).maxIter(4).build()
          .fit(DATA.dataset(LocalSpark.session(), 1), "features", "label").net();
      assertTrue(SingleMachine.sameBits(reference, distributed),
          kind + " " + dtype + ": differs by " + SingleMachine.maxDifference(reference, distributed));
    }
  }

  @Test
  void oneLocalStepOfSgdIsSynchronousGradientAveraging() {
    Backend backend = Backends.current();
    // 4 partitions of 60 rows: a local batch of 60 is each partition's every row, as is a
    // synchronous batch of 240 for the whole data set, so both see the same rows at every step.
    Dataset<Row> data = DATA.dataset(LocalSpark.session(), 4);
    Net local = trainer(OptimizerKind.SGD, DType.FLOAT64, backend).batchSize(60).localSteps(1)
        .maxIter(20).build().fit(data, "features", "label").net();
    Net sync = trainer(OptimizerKind.SGD, DType.FLOAT64, backend).mode(TrainingMode.SYNC_GRADIENT)
        .batchSize(240).maxIter(20).build().fit(data, "features", "label").net();
    double difference = SingleMachine.maxDifference(local, sync);
    assertTrue(difference <= 1e-12, "differs by " + difference);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(OptimizerKind.class)
  void partitionsAreTheAverageOfSingleMachineRunsOnTheirRows(OptimizerKind kind) {
    Backend backend = Backends.current();
    LabeledData labeled = DATA.labeled(backend, DType.FLOAT64);
    int[][] cases = {{3, 4}, {2, 7}}; // {partitions, local steps}
    for (int[] c : cases) {
      int partitions = c[0];
      int k = c[1];
      Dataset<Row> data = DATA.dataset(LocalSpark.session(), partitions);
      int[] rows = Blobs.rowsPerPartition(data);
      Net reference = SingleMachine.averagedRuns(LAYERS, labeled, rows, kind, learningRate(kind), 30, k,
          5, 7, backend);
      Net distributed = trainer(kind, DType.FLOAT64, backend).batchSize(30).localSteps(k).maxIter(5)
          .build().fit(data, "features", "label").net();
      assertTrue(SingleMachine.sameBits(reference, distributed), kind + ", " + partitions + " partitions, K = " + k
          + ": differs by " + SingleMachine.maxDifference(reference, distributed));
    }
  }

  @Test
  void twoRunsGiveTheSameBitsAndTheRoundsAddUp() {
    Backend backend = Backends.current();
    Dataset<Row> data = DATA.dataset(LocalSpark.session(), 3);
    List<RoundSummary> seen = new ArrayList<>();
    DistributedTrainer trainer = trainer(OptimizerKind.ADAM, DType.FLOAT32, backend).batchSize(25).maxIter(3)
        .listener(seen::add).build();
    FitResult first = trainer.fit(data, "features", "label");
    FitResult second = trainer.fit(data, "features", "label");
    assertTrue(SingleMachine.sameBits(first.net(), second.net()));
    assertEquals(first.rounds().size(), 3);
    assertEquals(6, seen.size(), "the listener hears every round of both fits");
    // 3 partitions of 80 rows, batch 25: 4 steps (25, 25, 25, 5 rows) a round, every row once.
    RoundSummary last = first.rounds().get(2);
    assertEquals(12, last.steps());
    assertEquals(3 * 240, last.samples());
    assertEquals(3, first.partitions());
    assertEquals(240, first.rows());
    assertTrue(first.rounds().get(2).loss() < first.rounds().get(0).loss(), "it learns: " + first.rounds());
  }
}
