package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.data.LabeledData;
import io.nabla.model.FeedForwardNet;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.backend.DType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Synchronous gradient averaging is single-machine training: with one partition the same bits,
 * with two to four within 1e-12 in float64 (only the grouping of the gradient's sums differs),
 * after 20 steps, for every optimizer.
 */
class SyncGradientEquivalenceTest {

  private static final int[] LAYERS = {6, 8, 3};
  private static final Blobs DATA = Blobs.of(240, 6, 3, 11);
  private static final int STEPS = 20;
  private static final int BATCH = 50;

  private static double learningRate(OptimizerKind kind) {
    return kind == OptimizerKind.ADAM ? 0.01 : 0.1;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(OptimizerKind.class)
  void equalsSingleMachineTrainingForEveryPartitionCount(OptimizerKind kind) {
    Backend backend = Backends.current();
    LabeledData labeled = DATA.labeled(backend, DType.FLOAT64);
    FeedForwardNet reference = SingleMachine.train(LAYERS, labeled, kind, learningRate(kind), BATCH, STEPS, 7, backend);
    for (int partitions = 1; partitions <= 4; partitions++) {
      Dataset<Row> data = DATA.dataset(LocalSpark.session(), partitions);
      FeedForwardNet distributed = DistributedTrainer.builder(LAYERS).mode(TrainingMode.SYNC_GRADIENT)
          .optimizer(kind).stepSize(learningRate(kind)).batchSize(BATCH).maxIter(STEPS).seed(7)
          .dtype(DType.FLOAT64).backend(backend.name()).build()
          .fit(data, "features", "label").net();
      double difference = SingleMachine.maxDifference(reference, distributed);
      if (partitions == 1) {
        assertTrue(SingleMachine.sameBits(reference, distributed),
            kind + ", 1 partition: differs from single-machine training by " + difference);
      } else {
        assertTrue(difference <= 1e-12, kind + ", " + partitions + " partitions: differs by " + difference);
        assertTrue(difference > 0 || partitions == 1, "suspiciously equal: are partitions used?");
      }
    }
  }
}
