package io.nabla.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nabla.layer.Parameter;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each optimizer's update against its formula evaluated by hand in double precision, over three
 * steps with changing gradients so that the optimizers' state matters.
 */
class OptimizerTest {

  private static final double[] START = {1.0, -2.0, 0.5};
  private static final double[][] GRADS = {{0.2, -0.4, 1.0}, {0.1, 0.3, -0.5}, {-0.3, 0.2, 0.05}};

  private static double[] run(Optimizer optimizer, DType dtype) {
    Parameter p = new Parameter("W", Tensors.vector(dtype, START));
    for (double[] g : GRADS) {
      p.setGrad(Tensors.vector(dtype, g));
      optimizer.step(List.of(p));
    }
    return p.value().toDoubleArray();
  }

  private static double tolerance(DType dtype) {
    return dtype == DType.FLOAT32 ? 1e-6 : 1e-13;
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void sgdIsTheChaptersUpdate(DType dtype) {
    double[] w = START.clone();
    for (double[] g : GRADS) {
      for (int i = 0; i < w.length; i++) {
        w[i] -= 0.1 * g[i];
      }
    }
    assertArrayEquals(w, run(new Sgd(0.1), dtype), tolerance(dtype));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void momentum(DType dtype) {
    double[] w = START.clone();
    double[] v = new double[3];
    for (double[] g : GRADS) {
      for (int i = 0; i < w.length; i++) {
        v[i] = 0.9 * v[i] - 0.1 * g[i];
        w[i] += v[i];
      }
    }
    assertArrayEquals(w, run(new Momentum(0.1, 0.9), dtype), tolerance(dtype));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adaGrad(DType dtype) {
    double[] w = START.clone();
    double[] h = new double[3];
    for (double[] g : GRADS) {
      for (int i = 0; i < w.length; i++) {
        h[i] += g[i] * g[i];
        w[i] -= 0.1 * g[i] / (Math.sqrt(h[i]) + 1e-7);
      }
    }
    assertArrayEquals(w, run(new AdaGrad(0.1), dtype), tolerance(dtype));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adam(DType dtype) {
    double[] w = START.clone();
    double[] m = new double[3];
    double[] v = new double[3];
    int t = 0;
    for (double[] g : GRADS) {
      t++;
      double lrT = 0.01 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
      for (int i = 0; i < w.length; i++) {
        m[i] += (1 - 0.9) * (g[i] - m[i]);
        v[i] += (1 - 0.999) * (g[i] * g[i] - v[i]);
        w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + 1e-7);
      }
    }
    assertArrayEquals(w, run(new Adam(0.01, 0.9, 0.999), dtype), tolerance(dtype));
  }

  @Test
  void aParameterWithoutGradientIsNamed() {
    Parameter p = new Parameter("W1", Tensors.zeros(DType.FLOAT32, 2));
    for (Optimizer o : List.of(new Sgd(0.1), new Momentum(0.1, 0.9), new AdaGrad(0.1), new Adam())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> o.step(List.of(p)));
      assertEquals(true, e.getMessage().contains("parameter 'W1' has no gradient"), e.getMessage());
    }
  }

  @Test
  void badHyperparametersAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(-1));
    assertEquals("sgd: learning rate must be a positive finite number, got -1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, -0.1));
  }

  @Test
  void aGradientOfTheWrongShapeIsRejected() {
    Parameter p = new Parameter("b1", Tensors.zeros(DType.FLOAT32, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.setGrad(Tensors.zeros(DType.FLOAT32, 4)));
    assertEquals("parameter 'b1' is float32[3] but its gradient is float32[4]", e.getMessage());
  }
}
