package io.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.data.LabeledData;
import io.nabla.model.FeedForwardNet;
import io.nabla.model.Net;
import io.nabla.model.WeightInit;
import io.nabla.optimizer.OptimizerKind;
import io.nabla.backend.DType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Synchronous gradient averaging is single-machine training: with one partition the same bits,
 * with two to four within 1e-12 in float64 (only the grouping of the gradient's sums differs),
 * after 20 steps, for every optimizer; and so for a net given as text, a convolutional one.
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
      Net distributed = DistributedTrainer.builder(LAYERS).mode(TrainingMode.SYNC_GRADIENT)
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

  @Test
  void aConvolutionalNetEqualsSingleMachineTrainingToo() {
    // The blobs' 6 features read as images [1, 2, 3]: a convolution of 2x2 filters over them.
    String conv = "conv(4,2) relu affine(3)";
    int[] image = {1, 2, 3};
    Backend backend = Backends.current();
    Net reference = SingleMachine.train(Net.builder(conv, image).weightInit(WeightInit.he()).seed(7)
        .dtype(DType.FLOAT64).backend(backend).build(), DATA.labeled(backend, DType.FLOAT64), OptimizerKind.ADAM,
        0.01, BATCH, STEPS, 7);
    for (int partitions = 1; partitions <= 3; partitions++) {
      Net distributed = DistributedTrainer.builder(conv, image).weightInit(WeightInit.he())
          .mode(TrainingMode.SYNC_GRADIENT).optimizer(OptimizerKind.ADAM).stepSize(0.01).batchSize(BATCH)
          .maxIter(STEPS).seed(7).dtype(DType.FLOAT64).backend(backend.name()).build()
          .fit(DATA.dataset(LocalSpark.session(), partitions), "features", "label").net();
      double difference = SingleMachine.maxDifference(reference, distributed);
      if (partitions == 1) {
        assertTrue(SingleMachine.sameBits(reference, distributed), "1 partition: differs by " + difference);
      } else {
        assertTrue(difference <= 1e-12, partitions + " partitions: differs by " + difference);
      }
    }
  }
}
