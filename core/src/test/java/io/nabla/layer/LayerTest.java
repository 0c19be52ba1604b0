package io.nabla.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.autograd.Variable;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layer values and misuse; every operation's gradient is checked in AutogradSuite, layers' in GradientCheckerTest. */
class LayerTest {

  @Test
  void affineComputesXTimesWPlusBAndItsGradientFollows() {
    Affine affine = new Affine("W", Tensors.matrix(DType.FLOAT64, new double[][] {{1, 2}, {3, 4}}),
        "b", Tensors.vector(DType.FLOAT64, 10, 20));
    Tensor x = Tensors.matrix(DType.FLOAT64, new double[][] {{1, 1}, {0, 2}});
    assertArrayEquals(new double[] {14, 26, 16, 28}, affine.forward(x).toDoubleArray());
    Variable out = affine.forward(Variable.constant(x));
    out.backward(Tensors.ones(DType.FLOAT64, 2, 2));
    assertArrayEquals(new double[] {2, 2}, affine.parameters().get(1).variable().grad().toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 3, 3}, affine.parameters().get(0).variable().grad().toDoubleArray());
  }

  @Test
  void anInputThatDoesNotFitTheWeightIsRefusedByName() {
    Affine affine = Affine.withoutBias("W1", Tensors.zeros(DType.FLOAT32, 784, 50));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> affine.forward(Tensors.zeros(DType.FLOAT32, 100, 785)));
    assertEquals("affine.forward: input [100, 785] does not fit weight W1 [784, 50]: expected [batch, 784] or a batch of samples of 784 elements",
        e.getMessage());
  }

  @Test
  void aLayerOfYourOwnIsItsForwardPassAndItsParameters() {
    Affine inner = new Affine("W", Tensors.matrix(DType.FLOAT32, new double[][] {{1, 0}, {0, 1}}),
        "b", Tensors.vector(DType.FLOAT32, 0, -5));
    Layer residual = new Layer() {
      @Override
      public Variable forward(Variable x) {
        return x.add(inner.forward(x).relu());
      }

      @Override
      public List<Parameter> parameters() {
        return inner.parameters();
      }
    };
    assertArrayEquals(new float[] {4, 3}, residual.forward(Tensors.vector(DType.FLOAT32, 2, 3)).toFloatArray());
    assertEquals(residual, residual.asType(DType.FLOAT32));
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> residual.asType(DType.FLOAT64));
    assertTrue(e.getMessage().contains("cannot convert parameter 'W' (float32[2, 2]) to float64"), e.getMessage());
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
