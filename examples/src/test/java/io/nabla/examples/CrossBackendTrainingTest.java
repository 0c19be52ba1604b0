package io.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.BackendReport;
import io.nabla.backend.Backends;
import io.nabla.data.BatchSampler;
import io.nabla.loss.Targets;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Sgd;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every available backend trains the same TwoLayerNet from the same seed on the same batches and
 * ends with the same losses: in float64 to 1e-9 relative, in float32 to 1e-3 relative (300 SGD
 * steps amplify float32 rounding differences between kernels that sum in different orders).
 */
class CrossBackendTrainingTest {

  private static final int STEPS = 300;

  @Test
  void theBackendsThatMustRunAreAvailable() {
    // CI sets NABLA_REQUIRE_BACKENDS=pure,jblas,simd; elsewhere at least the plain one must run.
    String required = System.getenv(BackendReport.REQUIRE_ENVIRONMENT);
    BackendReport.checkRequired(required == null || required.isBlank() ? "pure" : required);
    assertTrue(BackendReport.describe().contains("* "), BackendReport.describe());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void lossesAgreeAcrossBackends(DType dtype) {
    List<Backend> available = new ArrayList<>();
    for (Backend b : Backends.all()) {
      if (b.availability().available()) {
        available.add(b);
      }
    }
    assertTrue(available.size() >= 1);
    double[] reference = train(Backends.get("pure"), dtype);
    double tolerance = dtype == DType.FLOAT64 ? 1e-9 : 1e-3;
    for (Backend b : available) {
      double[] losses = train(b, dtype);
      for (int step = 0; step < STEPS; step += 50) {
        assertEquals(reference[step], losses[step], tolerance * Math.abs(reference[step]),
            b.name() + " vs pure, " + dtype.label() + ", loss at step " + step);
      }
      assertEquals(reference[STEPS - 1], losses[STEPS - 1],
          tolerance * Math.abs(reference[STEPS - 1]), b.name() + " final loss");
    }
    assertTrue(reference[STEPS - 1] < 0.5 * reference[0], "training lowered the loss");
  }

  /**
   * Two models training at once on two threads, sharing one backend, get exactly the losses each
   * gets alone: backends are documented safe for concurrent use on separate tensors.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void twoModelsTrainingConcurrentlyOnOneBackendMatchSequentialRuns(DType dtype) throws Exception {
    for (Backend b : Backends.all()) {
      if (!b.availability().available()) {
        continue;
      }
      double[] alone = train(b, dtype);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        var first = pool.submit(() -> train(b, dtype));
        var second = pool.submit(() -> train(b, dtype));
        org.junit.jupiter.api.Assertions.assertArrayEquals(alone, first.get(), b.name() + " thread 1");
        org.junit.jupiter.api.Assertions.assertArrayEquals(alone, second.get(), b.name() + " thread 2");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** The chapter's loop on a 64-feature, 10-class synthetic problem; returns every batch loss. */
  private static double[] train(Backend backend, DType dtype) {
    int rows = 1000;
    SeededRandom random = new SeededRandom(5);
    Tensor centers = Tensors.randomNormal(random, 0, 1, DType.FLOAT64, 10, 64);
    Tensor x = Tensors.zeros(dtype, rows, 64).on(backend);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 10;
      for (int c = 0; c < 64; c++) {
        x.set(centers.get(labels[r], c) + random.nextGaussian(), r, c);
      }
    }
    Targets t = Targets.labels(labels);
    TwoLayerNet net = TwoLayerNet.builder(64, 50, 10).dtype(dtype).seed(8).weightInitStd(0.1)
        .backend(backend).build();
    Sgd sgd = new Sgd(0.5);
    BatchSampler sampler = BatchSampler.withReplacement(rows, 100, 9);
    double[] losses = new double[STEPS];
    for (int step = 0; step < STEPS; step++) {
      int[] batch = sampler.nextBatch();
      Tensor xb = x.gatherRows(batch);
      Targets tb = t.select(batch);
      net.gradient(xb, tb);
      sgd.step(net.parameters());
      losses[step] = net.loss(xb, tb);
    }
    return losses;
  }
}
