package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.autograd.Variable;
import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.layer.Affine;
import io.nabla.layer.BatchNorm;
import io.nabla.layer.Relu;
import io.nabla.layer.Sequential;
import io.nabla.layer.TrainingMode;
import io.nabla.loss.Targets;
import io.nabla.optimizer.Sgd;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.testing.ReferenceBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch normalization (the book's chapter 6): the batch's statistics in training, the running ones
 * in evaluation, against sums written out here; its gradients; nets of it as text, saved and
 * loaded with their running statistics.
 */
class BatchNormTest {

  private static final Targets TARGETS = Targets.labels(0, 2, 1, 2);

  @TempDir Path dir;

  private static Backend reference() {
    return Backends.get(ReferenceBackend.NAME);
  }

  private static Tensor random(long seed, int... shape) {
    return Tensors.randomUniform(reference(), new SeededRandom(seed), -2, 3, DType.FLOAT64, shape);
  }

  private static BatchNorm layer(int features, long seed) {
    return new BatchNorm("gamma", random(seed, features), "beta", random(seed + 1, features),
        "mean", Tensors.zeros(reference(), DType.FLOAT64, features),
        "var", Tensors.full(reference(), 1.0, DType.FLOAT64, features));
  }

  /** The mean and biased variance of channel c of images x [n, ch, h, w], by loops. */
  private static double[] statistics(double[] x, int n, int channels, int plane, int c) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < plane; j++) {
        sum += x[(i * channels + c) * plane + j];
      }
    }
    double mean = sum / (n * plane);
    double squares = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < plane; j++) {
        double d = x[(i * channels + c) * plane + j] - mean;
        squares += d * d;
      }
    }
    return new double[] {mean, squares / (n * plane)};
  }

  @Test
  void trainingNormalizesEachChannelByItsBatchStatisticsAndMovesTheRunningOnes() {
    for (int[] shape : new int[][] {{6, 3}, {2, 3, 2, 4}}) {
      BatchNorm bn = layer(3, 10);
      Tensor x = random(20, shape);
      double[] xs = x.toDoubleArray();
      int plane = shape.length == 2 ? 1 : shape[2] * shape[3];
      Tensor y;
      try (TrainingMode.Scope mode = TrainingMode.on(new SeededRandom(1))) {
        y = bn.forward(x);
      }
      double[] ys = y.toDoubleArray();
      double[] gamma = bn.parameters().get(0).value().toDoubleArray();
      double[] beta = bn.parameters().get(1).value().toDoubleArray();
      for (int c = 0; c < 3; c++) {
        double[] stats = statistics(xs, shape[0], 3, plane, c);
        for (int i = 0; i < shape[0]; i++) {
          for (int j = 0; j < plane; j++) {
            int at = (i * 3 + c) * plane + j;
            double expected = gamma[c] * (xs[at] - stats[0]) / Math.sqrt(stats[1] + BatchNorm.EPSILON) + beta[c];
            assertEquals(expected, ys[at], 1e-12, "shape " + shape.length + " channel " + c);
          }
        }
        assertEquals(0.1 * stats[0], bn.runningMean().getFlat(c), 1e-12);
        assertEquals(0.9 + 0.1 * stats[1], bn.runningVariance().getFlat(c), 1e-12);
      }
    }
  }

  @Test
  void evaluationUsesTheRunningStatisticsSoASampleDoesNotDependOnItsBatch() {
    BatchNorm bn = layer(3, 30);
    bn.runningMean().setFlat(1, 0.5);
    bn.runningVariance().setFlat(2, 4.0);
    Tensor x = random(40, 4, 3);
    double[] ys = bn.forward(x).toDoubleArray();
    double[] xs = x.toDoubleArray();
    double[] gamma = bn.parameters().get(0).value().toDoubleArray();
    double[] beta = bn.parameters().get(1).value().toDoubleArray();
    for (int i = 0; i < 4; i++) {
      for (int c = 0; c < 3; c++) {
        double mean = bn.runningMean().getFlat(c);
        double var = bn.runningVariance().getFlat(c);
        assertEquals(gamma[c] * (xs[i * 3 + c] - mean) / Math.sqrt(var + BatchNorm.EPSILON) + beta[c], ys[i * 3 + c],
            1e-12);
      }
    }
    double[] oneRow = bn.forward(Tensors.vector(reference(), DType.FLOAT64, xs[3], xs[4], xs[5]).reshape(1, 3))
        .toDoubleArray();
    assertArrayEquals(new double[] {ys[3], ys[4], ys[5]}, oneRow, 1e-15, "the second row alone scores the same");
    assertEquals(0.5, bn.runningMean().getFlat(1), "evaluation leaves the running statistics alone");
  }

  @Test
  void inferenceAndTheRecordedPassAgreeBitForBitInBothModes() {
    for (boolean training : new boolean[] {false, true}) {
      Tensor x = random(50, 3, 2, 2, 2);
      Tensor inference;
      Tensor recorded;
      try (TrainingMode.Scope mode = training ? TrainingMode.on(new SeededRandom(1)) : TrainingMode.off()) {
        inference = layer(2, 51).forward(x);
        recorded = layer(2, 51).forward(Variable.constant(x)).value();
      }
      assertArrayEquals(recorded.toDoubleArray(), inference.toDoubleArray(), 0.0, "training " + training);
    }
  }

  /** A layer of PyTorch's epsilon adds that one, in training and in evaluation. */
  @Test
  void aLayerOfAnotherEpsilonAddsItsOwn() {
    BatchNorm book = layer(3, 32);
    BatchNorm pytorch = new BatchNorm("g", book.parameters().get(0).value(), "b", book.parameters().get(1).value(),
        "m", book.runningMean(), "v", book.runningVariance().fill(1e-4), 1e-5);
    Tensor x = random(41, 4, 3);
    double[] ys = pytorch.forward(x).toDoubleArray();
    double[] xs = x.toDoubleArray();
    double gamma = book.parameters().get(0).value().getFlat(0);
    double beta = book.parameters().get(1).value().getFlat(0);
    assertEquals(gamma * xs[0] / Math.sqrt(1e-4 + 1e-5) + beta, ys[0], 1e-12, "mean 0, variance 1e-4, epsilon 1e-5");
    assertEquals(1e-5, pytorch.asType(DType.FLOAT32).epsilon(), "a copy keeps its epsilon");
    assertEquals("batchnorm(0.00001)", Architecture.of(pytorch).text());
  }

  @Test
  void theLayersGradientsMatchCentralDifferencesInTraining() {
    GradientChecker checker = GradientChecker.centralDifferences();
    checker.checkLayer(layer(3, 60), random(61, 5, 3)).assertRelativeErrorBelow(1e-6);
    checker.checkLayer(layer(2, 62), random(63, 3, 2, 3, 2)).assertRelativeErrorBelow(1e-6);
  }

  @Test
  void aNetWithBatchNormNamesItsTensorsByLayerAndItsGradientChecks() {
    Net mlp = Net.builder("affine(5) batchnorm relu affine(3)", 6).dtype(DType.FLOAT64).seed(5).weightInitStd(0.5)
        .backend(reference()).build();
    assertEquals(List.of("W1", "b1", "gamma2", "beta2", "W3", "b3"),
        mlp.parameters().stream().map(p -> p.name()).toList());
    assertEquals(List.of("running_mean2", "running_var2"), List.copyOf(mlp.buffers().keySet()));
    // Its state: the parameters, then the buffers, live (what is saved, sent to Spark's tasks, and
    // built again from).
    assertEquals(List.of("W1", "b1", "gamma2", "beta2", "W3", "b3", "running_mean2", "running_var2"),
        List.copyOf(mlp.state().keySet()));
    assertSame(mlp.parametersByName().get("W3").value(), mlp.state().get("W3"));
    assertSame(mlp.buffers().get("running_var2"), mlp.state().get("running_var2"));
    assertTrue(mlp.sharingParameters().isEmpty(), "its training passes write what a twin would read");
    double[] runningVar = mlp.buffers().get("running_var2").toDoubleArray();
    assertGradientsMatch(GradientChecker.centralDifferences().checkModel(mlp, random(70, 4, 6), TARGETS));
    assertArrayEquals(runningVar, mlp.buffers().get("running_var2").toDoubleArray(), 0.0,
        "the check trains a copy: the net's running statistics are untouched");
    Net conv = Net.builder("conv(3,3) batchnorm relu maxpool(2) affine(3)", 1, 6, 6).dtype(DType.FLOAT64).seed(5)
        .weightInit(WeightInit.he()).backend(reference()).build();
    assertGradientsMatch(GradientChecker.centralDifferences().checkModel(conv, random(71, 4, 36), TARGETS));
    IllegalArgumentException args = assertThrows(IllegalArgumentException.class,
        () -> Architecture.parse("affine(3) batchnorm(-2)"));
    assertTrue(args.getMessage().contains("batchnorm's epsilon, a positive number such as 0.00001"), args.getMessage());
    assertEquals("affine(3) batchnorm(0.00001) batchnorm", Architecture.parse("affine(3) batchnorm(1e-5) batchnorm(1e-6)")
        .text(), "PyTorch's epsilon is written out; the book's is the default");
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> Architecture.parse("batchnorm affine(3)").outputShape(List.of(2, 3)));
    assertEquals("batchnorm takes vectors [features] or images [channels, height, width], not [2, 3]",
        rank.getMessage());
  }

  /**
   * Relative errors below 1e-6, except for b1: the batch normalization after it subtracts the
   * batch mean, so the bias cannot change the loss and both gradients are 0 up to rounding, where
   * a relative error means nothing; its absolute error must be of rounding size.
   */
  private static void assertGradientsMatch(io.nabla.gradcheck.GradientReport report) {
    for (io.nabla.gradcheck.GradientReport.Entry e : report.entries()) {
      if (e.name().equals("b1")) {
        assertTrue(e.maxAbsoluteError() < 1e-12, report.toString());
      } else {
        assertTrue(e.relativeError() < 1e-6, report.toString());
      }
    }
    assertEquals(6, report.entries().size(), report.toString());
  }

  @Test
  void aTrainedNetSavesItsRunningStatisticsAndScoresTheSameLoaded() throws IOException {
    Net net = Net.builder("conv(3,3) batchnorm relu maxpool(2) affine(3)", 1, 6, 6).seed(5)
        .weightInit(WeightInit.he()).backend(reference()).build();
    Sgd sgd = new Sgd(0.1);
    for (int step = 0; step < 3; step++) {
      net.gradient(random(80 + step, 4, 36).asType(DType.FLOAT32), TARGETS);
      sgd.step(net.parameters());
    }
    assertTrue(net.buffers().get("running_var2").getFlat(0) != 1.0, "three training passes moved it");
    Path file = dir.resolve("bn.npz");
    ModelFile.save(file, net);
    Net loaded = ModelFile.load(file, reference(), Activation.SIGMOID).net();
    assertEquals(net.architecture(), loaded.architecture());
    for (String name : List.of("running_mean2", "running_var2")) {
      assertArrayEquals(net.buffers().get(name).toDoubleArray(), loaded.buffers().get(name).toDoubleArray(), name);
    }
    Tensor x = random(90, 4, 36).asType(DType.FLOAT32);
    assertArrayEquals(net.predict(x).toDoubleArray(), loaded.predict(x).toDoubleArray());
  }

  @Test
  void aStackBuiltByHandIsNamedByPositionBuffersIncluded() {
    Tensor w1 = random(1, 4, 3).asType(DType.FLOAT32);
    Tensor b1 = Tensors.zeros(reference(), DType.FLOAT32, 3);
    BatchNorm bn = new BatchNorm("scale", Tensors.full(reference(), 1.0, DType.FLOAT32, 3), "shift",
        Tensors.zeros(reference(), DType.FLOAT32, 3), "mu", Tensors.zeros(reference(), DType.FLOAT32, 3), "sigma2",
        Tensors.full(reference(), 2.0, DType.FLOAT32, 3));
    Net net = Net.over(new Sequential(new Affine("dense", w1, "bias", b1), bn, new Relu()), 4);
    assertEquals("affine(3) batchnorm relu", net.architecture().text());
    assertEquals(List.of("W1", "b1", "gamma2", "beta2"), net.parameters().stream().map(p -> p.name()).toList());
    assertEquals(2.0, net.buffers().get("running_var2").getFlat(0));
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> bn.forward(Tensors.zeros(reference(), DType.FLOAT32, 2, 4)));
    assertEquals("batchNorm: input [2, 4] is not [batch, 3] or [batch, 3, height, width]: the layer normalizes 3"
        + " features", wrong.getMessage());
  }
}
