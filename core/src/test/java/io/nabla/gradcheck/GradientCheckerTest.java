package io.nabla.gradcheck;

import io.nabla.autograd.Variable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.layer.Affine;
import io.nabla.layer.Layer;
import io.nabla.layer.Relu;
import io.nabla.layer.Sequential;
import io.nabla.layer.Sigmoid;
import io.nabla.layer.Softmax;
import io.nabla.loss.CrossEntropy;
import io.nabla.loss.MeanSquaredError;
import io.nabla.loss.SoftmaxCrossEntropy;
import io.nabla.loss.Targets;
import io.nabla.model.Activation;
import io.nabla.model.SimpleNet;
import io.nabla.model.TwoLayerNet;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every layer, loss and model passes the gradient check: backprop agrees with central
 * differences (h = 1e-4, float64) to a relative error below 1e-7.
 */
class GradientCheckerTest {

  private static final double SMOOTH = 1e-7;
  private final GradientChecker checker = GradientChecker.centralDifferences();

  private static Tensor random(long seed, double low, double high, int... shape) {
    return Tensors.randomUniform(new SeededRandom(seed), low, high, DType.FLOAT64, shape);
  }

  @Test
  void numericalGradientWalksEveryElementOfAnyShapeAndRestoresIt() {
    Tensor x = random(1, -1, 1, 2, 3, 4);
    double[] before = x.toDoubleArray();
    // f = sum(x^3) has gradient 3 x^2.
    Tensor grad = checker.numericalGradient(t -> t.pow(3).sum(), x);
    assertArrayEquals(before, x.toDoubleArray(), "x is restored");
    assertArrayEquals(new int[] {2, 3, 4}, grad.shape());
    assertArrayEquals(x.square().mul(3).toDoubleArray(), grad.toDoubleArray(), 1e-7);
  }

  @Test
  void checkModelUsesTheCheckersStep() {
    // Central differences err by O(h^2): a coarse step must show up in the model check.
    TwoLayerNet net = TwoLayerNet.builder(6, 5, 3).weightInitStd(1.0).dtype(DType.FLOAT64).seed(3).build();
    Tensor x = random(4, -1, 1, 4, 6);
    Targets t = Targets.labels(0, 2, 1, 2);
    double fine = GradientChecker.centralDifferences(1e-4).checkModel(net, x, t).worstRelativeError();
    double coarse = GradientChecker.centralDifferences(0.5).checkModel(net, x, t).worstRelativeError();
    assertTrue(coarse > 100 * fine, "h = 0.5 gives error " + coarse + ", h = 1e-4 gives " + fine);
  }

  @Test
  void theElementIsRestoredEvenWhenTheFunctionThrows() {
    Tensor x = Tensors.vector(DType.FLOAT64, 1, 2);
    assertThrows(IllegalStateException.class, () -> checker.numericalGradient(t -> {
      throw new IllegalStateException("boom");
    }, x));
    assertArrayEquals(new double[] {1, 2}, x.toDoubleArray());
  }

  @Test
  void affineWithAndWithoutBias() {
    Layer affine = new Affine("W", random(2, -1, 1, 5, 4), "b", random(3, -1, 1, 4));
    checker.checkLayer(affine, random(4, -1, 1, 3, 5)).assertRelativeErrorBelow(SMOOTH);
    GradientReport single = checker.checkLayer(affine, random(4, -1, 1, 5));
    assertEquals(List.of("input", "W", "b"), single.entries().stream().map(GradientReport.Entry::name).toList());
    single.assertRelativeErrorBelow(SMOOTH);
    checker.checkLayer(Affine.withoutBias("W", random(5, -1, 1, 5, 4)), random(6, -1, 1, 3, 5))
        .assertRelativeErrorBelow(SMOOTH);
  }

  @Test
  void activationsAndSoftmax() {
    checker.checkLayer(new Sigmoid(), random(7, -3, 3, 4, 6)).assertRelativeErrorBelow(SMOOTH);
    checker.checkLayer(new Softmax(), random(8, -3, 3, 4, 6)).assertRelativeErrorBelow(SMOOTH);
    checker.checkLayer(new Relu(), awayFromZero(9)).assertRelativeErrorBelow(SMOOTH);
  }

  @Test
  void everyActivationThatCanBeNamed() {
    for (Activation activation : Activation.values()) {
      checker.checkLayer(activation.newLayer(), awayFromZero(20 + activation.ordinal()))
          .assertRelativeErrorBelow(SMOOTH);
    }
  }

  /** Inputs of both signs at least 0.1 from 0, where the rectifiers have their kink (0.1 >> h). */
  private Tensor awayFromZero(long seed) {
    Tensor x = random(seed, 0.1, 2, 4, 6);
    for (int i = 0; i < x.size(); i += 2) {
      x.setFlat(i, -x.getFlat(i));
    }
    return x;
  }

  @Test
  void sequentialStack() {
    Sequential net = new Sequential(
        new Affine("W1", random(10, -1, 1, 6, 5), "b1", random(11, -1, 1, 5)),
        new Sigmoid(),
        new Affine("W2", random(12, -1, 1, 5, 3), "b2", random(13, -1, 1, 3)),
        new Softmax());
    GradientReport report = checker.checkLayer(net, random(14, -1, 1, 4, 6));
    assertEquals(5, report.entries().size());
    report.assertRelativeErrorBelow(SMOOTH);
  }

  @Test
  void everyLoss() {
    // Central differences err by about h^2 f'''/6, and -log y has f''' = -2/y^3: probabilities
    // near 0 would measure the estimate's error, not the gradient's, so keep them above 0.3.
    Tensor probabilities = random(15, 0.3, 1, 4, 5);
    Targets labels = Targets.labels(0, 4, 2, 2);
    checker.checkLoss(new MeanSquaredError(), random(16, -1, 1, 4, 5), labels)
        .assertRelativeErrorBelow(SMOOTH);
    checker.checkLoss(new CrossEntropy(), probabilities, labels).assertRelativeErrorBelow(SMOOTH);
    checker.checkLoss(new SoftmaxCrossEntropy(), random(17, -3, 3, 4, 5), labels)
        .assertRelativeErrorBelow(SMOOTH);
    Tensor distribution = random(18, 0, 1, 5);
    distribution.muli(1 / distribution.sum());
    checker.checkLoss(new SoftmaxCrossEntropy(), random(19, -3, 3, 5), Targets.oneHot(distribution))
        .assertRelativeErrorBelow(SMOOTH);
  }

  @Test
  void simpleNet() {
    checker.checkModel(SimpleNet.random(io.nabla.backend.Backends.current(), 0, DType.FLOAT64), Tensors.vector(DType.FLOAT64, 0.6, 0.9),
        Targets.labels(2)).assertRelativeErrorBelow(SMOOTH);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void twoLayerNetInBothDtypes(Activation activation) {
    Tensor x = random(20, 0, 1, 3, 8);
    Targets t = Targets.labels(1, 0, 2);
    for (DType dtype : DType.values()) {
      TwoLayerNet net = TwoLayerNet.builder(8, 5, 3).weightInitStd(0.5).dtype(dtype)
          .activation(activation).seed(3).build();
      GradientReport report = checker.checkModel(net, x.asType(dtype), t);
      assertEquals(List.of("W1", "b1", "W2", "b2"),
          report.entries().stream().map(GradientReport.Entry::name).toList());
      report.assertRelativeErrorBelow(SMOOTH);
    }
  }

  @Test
  void aWrongGradientFailsTheCheckWithAReport() {
    // A sigmoid whose gradient is lost: computed from a detached input, the classic mistake.
    Layer broken = new Layer() {
      @Override
      public Variable forward(Variable x) {
        return x.detach().sigmoid().add(x.mul(0.0));
      }

      @Override
      public List<io.nabla.layer.Parameter> parameters() {
        return List.of();
      }
    };
    GradientReport report = checker.checkLayer(broken, random(21, -1, 1, 3, 3));
    AssertionError e = assertThrows(AssertionError.class, () -> report.assertRelativeErrorBelow(SMOOTH));
    assertTrue(e.getMessage().startsWith("gradient check failed"), e.getMessage());
    assertTrue(report.worstRelativeError() > 0.1);
  }
}
