package io.nabla.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import org.junit.jupiter.api.Test;

/** Layer values and misuse; the gradients are checked in GradientCheckerTest. */
class LayerTest {

  @Test
  void affineComputesXTimesWPlusB() {
    Affine affine = new Affine("W", Tensors.matrix(DType.FLOAT64, new double[][] {{1, 2}, {3, 4}}),
        "b", Tensors.vector(DType.FLOAT64, 10, 20));
    Tensor out = affine.forward(Tensors.matrix(DType.FLOAT64, new double[][] {{1, 1}, {0, 2}}));
    assertArrayEquals(new double[] {14, 26, 16, 28}, out.toDoubleArray());
    affine.backward(Tensors.ones(DType.FLOAT64, 2, 2));
    assertArrayEquals(new double[] {2, 2}, affine.parameters().get(1).grad().toDoubleArray());
  }

  @Test
  void backwardBeforeForwardAndMismatchedGradientsAreErrors() {
    IllegalStateException early = assertThrows(IllegalStateException.class,
        () -> new Sigmoid().backward(Tensors.ones(DType.FLOAT32, 2)));
    assertEquals("sigmoid.backward called before forward", early.getMessage());
    Relu relu = new Relu();
    relu.forward(Tensors.ones(DType.FLOAT32, 2, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> relu.backward(Tensors.ones(DType.FLOAT32, 3, 2)));
    assertEquals("relu.backward: gradOut is float32[3, 2] but the forward output was float32[2, 3]",
        e.getMessage());
  }

  @Test
  void affineRejectsABiasThatDoesNotFit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Affine("W1", Tensors.zeros(DType.FLOAT32, 784, 50), "b1",
            Tensors.zeros(DType.FLOAT32, 10)));
    assertEquals("affine: bias b1 is float32[10] but weight W1 is float32[784, 50];"
        + " the bias must be float32[50]", e.getMessage());
  }

  @Test
  void sequentialRejectsDuplicateParameterNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sequential(Affine.withoutBias("W", Tensors.zeros(DType.FLOAT32, 2, 2)),
            Affine.withoutBias("W", Tensors.zeros(DType.FLOAT32, 2, 2))));
    assertEquals("sequential: two parameters are named 'W'; names must be unique", e.getMessage());
  }
}
