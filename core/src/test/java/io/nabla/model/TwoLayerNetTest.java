package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.layer.Parameter;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TwoLayerNet's shapes, initialization and loading; learning is in {@link io.nabla.testing.LearningSuite}. */
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
    assertEquals("affine.forward: input [100, 783] does not fit weight W1 [784, 50]: expected [batch, 784] or a batch of samples of 784 elements",
        e.getMessage());
  }
}
