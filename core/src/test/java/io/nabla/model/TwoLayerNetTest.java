package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.data.BatchSampler;
import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.optimizer.Sgd;
import io.nabla.tensor.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TwoLayerNet: the chapter's shapes and initialization, and learning a synthetic problem. */
class TwoLayerNetTest {

  @Test
  void parametersHaveTheChaptersShapesAndInitialization() {
    TwoLayerNet net = TwoLayerNet.builder(784, 50, 10).seed(1).build();
    Map<String, Parameter> p = net.parametersByName();
    assertArrayEquals(new int[] {784, 50}, p.get("W1").value().shape());
    assertArrayEquals(new int[] {50}, p.get("b1").value().shape());
    assertArrayEquals(new int[] {50, 10}, p.get("W2").value().shape());
    assertArrayEquals(new int[] {10}, p.get("b2").value().shape());
    assertEquals(DType.FLOAT32, p.get("W1").value().dtype());
    Tensor w1 = p.get("W1").value();
    assertEquals(0.01, Math.sqrt(w1.square().mean()), 0.0005, "weight_init_std = 0.01");
    assertEquals(0, p.get("b1").value().abs().sum());
    Tensor probabilities = net.predict(Tensors.zeros(DType.FLOAT32, 3, 784));
    assertArrayEquals(new double[] {1, 1, 1}, probabilities.sum(1).toDoubleArray(), 1e-6);
  }

  @Test
  void sameSeedSameNet() {
    Tensor a = TwoLayerNet.builder(20, 5, 3).seed(9).build().parametersByName().get("W2").value();
    Tensor b = TwoLayerNet.builder(20, 5, 3).seed(9).build().parametersByName().get("W2").value();
    assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
  }

  /**
   * Three Gaussian blobs in 10 dimensions, one per class: learnable, and the chapter's loop
   * (random mini-batches with replacement, backprop, SGD lr 0.1... here lr 0.5 for speed)
   * must drive the loss down and the accuracy up.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void learnsASyntheticProblem(DType dtype) {
    int rows = 600;
    int features = 10;
    SeededRandom random = new SeededRandom(11);
    Tensor centers = Tensors.randomNormal(random, 0, 1, DType.FLOAT64, 3, features);
    Tensor x = Tensors.zeros(dtype, rows, features);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 3;
      for (int c = 0; c < features; c++) {
        x.set(centers.get(labels[r], c) + 0.7 * random.nextGaussian(), r, c);
      }
    }
    Targets t = Targets.labels(labels);
    TwoLayerNet net = TwoLayerNet.builder(features, 16, 3).dtype(dtype).seed(2).build();
    double initialLoss = net.loss(x, t);
    double initialAccuracy = net.accuracy(x, t);
    Sgd sgd = new Sgd(0.5);
    BatchSampler sampler = BatchSampler.withReplacement(rows, 50, 3);
    for (int step = 0; step < 600; step++) {
      int[] batch = sampler.nextBatch();
      net.gradient(x.gatherRows(batch), t.select(batch));
      sgd.step(net.parameters());
    }
    double finalLoss = net.loss(x, t);
    double finalAccuracy = net.accuracy(x, t);
    assertEquals(Math.log(3), initialLoss, 0.05, "small initial weights: uniform predictions");
    assertTrue(finalLoss < 0.3 * initialLoss, "loss " + initialLoss + " -> " + finalLoss);
    assertTrue(finalAccuracy > 0.9 && finalAccuracy > initialAccuracy + 0.3,
        "accuracy " + initialAccuracy + " -> " + finalAccuracy);
  }

  @Test
  void loadingChecksTheParameters() {
    Map<String, Tensor> params = Map.of(
        "W1", Tensors.zeros(DType.FLOAT32, 4, 3), "b1", Tensors.zeros(DType.FLOAT32, 3),
        "W2", Tensors.zeros(DType.FLOAT32, 5, 2), "b2", Tensors.zeros(DType.FLOAT32, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TwoLayerNet.fromParameters(params, Activation.SIGMOID));
    assertTrue(e.getMessage().contains("do not chain"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> TwoLayerNet.fromParameters(Map.of("W1", Tensors.zeros(DType.FLOAT32, 4, 3)),
            Activation.SIGMOID));
    assertThrows(IllegalArgumentException.class, () -> TwoLayerNet.builder(784, 0, 10));
  }

  @Test
  void wrongInputWidthIsANamedError() {
    TwoLayerNet net = TwoLayerNet.builder(784, 50, 10).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.predict(Tensors.zeros(DType.FLOAT32, 100, 783)));
    assertEquals("affine.forward: input [100, 783] does not fit weight W1 [784, 50]: expected [batch, 784]",
        e.getMessage());
  }
}
