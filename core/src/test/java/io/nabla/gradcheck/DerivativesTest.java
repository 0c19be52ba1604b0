package io.nabla.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The chapter's numerical differentiation and gradient descent (CHAPTER.md values). */
class DerivativesTest {

  private static final DoubleUnaryOperator FUNCTION_1 = x -> 0.01 * (x * x) + 0.1 * x; // 0.01*x**2 + 0.1*x
  private static final ToDoubleFunction<double[]> FUNCTION_2 = x -> x[0] * x[0] + x[1] * x[1];

  @Test
  void centralDifferenceOfFunction1() {
    // CHAPTER.md: 0.1999999999990898 at 5 and 0.2999999999986347 at 10 (NumPy, same IEEE steps).
    assertEquals(0.1999999999990898, Derivatives.central(FUNCTION_1, 5), 1e-15);
    assertEquals(0.2999999999986347, Derivatives.central(FUNCTION_1, 10), 1e-15);
    // Analytic derivative 0.02x + 0.1: 0.2 and 0.3, to about h^2 * f''' (here rounding only).
    assertEquals(0.2, Derivatives.central(FUNCTION_1, 5), 1e-10);
    assertEquals(0.3, Derivatives.central(FUNCTION_1, 10), 1e-10);
  }

  @Test
  void forwardDifferenceWithATinyStepRoundsToZero() {
    assertEquals(0.0, Derivatives.forward(FUNCTION_1, 5, 1e-50));
  }

  @Test
  void tangentLineTouchesTheFunction() {
    TangentLine line = Derivatives.tangentLine(FUNCTION_1, 5);
    assertEquals(FUNCTION_1.applyAsDouble(5), line.valueAt(5), 1e-12);
    assertEquals(0.2, line.slope(), 1e-10);
    assertEquals(0.75 - 1.0, line.intercept(), 1e-9);
  }

  @Test
  void partialDerivatives() {
    // CHAPTER.md: d/dx0 at (3, 4) = 6.00000000000378.
    assertEquals(6.00000000000378, Derivatives.central(x0 -> x0 * x0 + 4.0 * 4.0, 3.0), 1e-15);
    assertEquals(8.0, Derivatives.central(x1 -> 3.0 * 3.0 + x1 * x1, 4.0), 1e-10);
  }

  @Test
  void gradientOfFunction2AndTheInputIsRestored() {
    double[] at = {3, 4};
    assertArrayEquals(new double[] {6, 8}, Derivatives.gradient(FUNCTION_2, at), 1e-9);
    assertArrayEquals(new double[] {3, 4}, at);
    assertArrayEquals(new double[] {0, 4}, Derivatives.gradient(FUNCTION_2, new double[] {0, 2}), 1e-9);
    assertArrayEquals(new double[] {6, 0}, Derivatives.gradient(FUNCTION_2, new double[] {3, 0}), 1e-9);
  }

  @Test
  void gradientDescentFromTheChapter() {
    double[] init = {-3, 4};
    DescentPath path = GradientDescent.minimize(FUNCTION_2, init, 0.1, 100);
    assertEquals(100, path.steps());
    assertArrayEquals(new double[] {-3, 4}, path.points().get(0));
    assertArrayEquals(new double[] {-3, 4}, init, "the start is not modified");
    // NumPy, the chapter's code: [-6.11110793e-10, 8.14814391e-10].
    assertArrayEquals(new double[] {-6.11110793e-10, 8.14814391e-10}, path.finalPoint(), 1e-17);
  }

  @Test
  void tooLargeALearningRateDivergesAndTooSmallBarelyMoves() {
    // NumPy, the chapter's code: lr 10 -> [-2.58983747e13, -1.29524862e12].
    double[] diverged = GradientDescent.minimize(FUNCTION_2, new double[] {-3, 4}, 10, 100).finalPoint();
    assertEquals(-2.58983747e13, diverged[0], 1e5);
    assertEquals(-1.29524862e12, diverged[1], 1e4);
    // lr 1e-10 -> [-2.99999994, 3.99999992].
    double[] stuck = GradientDescent.minimize(FUNCTION_2, new double[] {-3, 4}, 1e-10, 100).finalPoint();
    assertArrayEquals(new double[] {-2.99999994, 3.99999992}, stuck, 1e-8);
  }

  @Test
  void badArgumentsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Derivatives.central(FUNCTION_1, 1, 0));
    assertEquals("step h must be a positive finite number, got 0.0", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> GradientDescent.minimize(FUNCTION_2, new double[2], Double.NaN, 1));
    assertThrows(IllegalArgumentException.class,
        () -> GradientDescent.minimize(FUNCTION_2, new double[2], 0.1, -1));
  }
}
