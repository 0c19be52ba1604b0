package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.layer.Parameter;
import io.nabla.loss.Targets;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.testing.ReferenceBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The L2 weight decay of the book's chapter 6, in a classifier's loss and gradient. */
class WeightDecayTest {

  private static final Targets TARGETS = Targets.labels(0, 2, 1, 2);

  private static Backend reference() {
    return Backends.get(ReferenceBackend.NAME);
  }

  private static Net net(String text, int... shape) {
    return Net.builder(text, shape).dtype(DType.FLOAT64).seed(5).weightInitStd(0.5).backend(reference()).build();
  }

  private static Tensor rows(int width) {
    return Tensors.randomUniform(reference(), new SeededRandom(3), -1, 1, DType.FLOAT64, 4, width);
  }

  @Test
  void theLossAddsHalfLambdaTimesTheSquaresOfTheWeightsNotTheBiases() {
    Net net = net("affine(5) relu affine(3)", 6);
    for (Parameter p : net.parameters()) {
      if (p.name().startsWith("b")) {
        p.value().addi(1.0); // biases that would count if they were decayed
      }
    }
    double plain = net.loss(rows(6), TARGETS);
    net.weightDecay(0.1);
    double squares = 0;
    for (String w : new String[] {"W1", "W2"}) {
      for (double v : net.network().parametersByName().get(w).value().toDoubleArray()) {
        squares += v * v;
      }
    }
    assertEquals(plain + 0.05 * squares, net.loss(rows(6), TARGETS), 1e-12);
    assertEquals(0.1, net.asType(DType.FLOAT32).weightDecay(), "a copy keeps it");
    assertEquals(0.1, ((SoftmaxClassifier) net.sharingParameters().orElseThrow()).weightDecay());
  }

  @Test
  void eachWeightsGradientGainsLambdaTimesTheWeight() {
    Net net = net("affine(5) relu affine(3)", 6);
    Map<String, double[]> plain = new java.util.LinkedHashMap<>();
    net.gradient(rows(6), TARGETS).forEach((name, g) -> plain.put(name, g.toDoubleArray()));
    net.weightDecay(0.3);
    Map<String, Tensor> decayed = net.gradient(rows(6), TARGETS);
    for (Parameter p : net.parameters()) {
      double[] value = p.value().toDoubleArray();
      double[] expected = plain.get(p.name()).clone();
      if (p.name().startsWith("W")) {
        for (int i = 0; i < expected.length; i++) {
          expected[i] += 0.3 * value[i];
        }
      }
      assertArrayEquals(expected, decayed.get(p.name()).toDoubleArray(), 1e-12, p.name());
    }
  }

  @Test
  void theGradientWithWeightDecayMatchesCentralDifferencesForAnMlpAndAConvNet() {
    GradientChecker checker = GradientChecker.centralDifferences();
    Net mlp = net("affine(5) tanh affine(3)", 6);
    mlp.weightDecay(0.2);
    checker.checkModel(mlp, rows(6), TARGETS).assertRelativeErrorBelow(1e-6);
    Net conv = net("conv(2,3) relu maxpool(2) affine(3)", 1, 6, 6);
    conv.weightDecay(0.2);
    checker.checkModel(conv, rows(36), TARGETS).assertRelativeErrorBelow(1e-6);
  }

  @Test
  void aNegativeOrInfiniteLambdaIsRefused() {
    Net net = net("affine(3)", 6);
    for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.weightDecay(bad));
      assertEquals("weight decay must be a finite number >= 0, got " + bad, e.getMessage());
    }
  }
}
