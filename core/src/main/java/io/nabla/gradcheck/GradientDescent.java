package io.nabla.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Gradient descent on a plain function, {@code x <- x - lr * grad f(x)} repeated, with the
 * gradient from central differences, as the chapter's {@code gradient_descent}.
 */
public final class GradientDescent {

  private GradientDescent() {}

  /**
   * Minimizes {@code f} from {@code init} (not modified) and returns every point visited. A
   * learning rate too large diverges (the chapter's lr = 10) and one too small barely moves (lr =
   * 1e-10); both are returned as they are, not reported as errors.
   *
   * @throws IllegalArgumentException if lr is not finite or steps is negative
   */
  public static DescentPath minimize(
      ToDoubleFunction<double[]> f, double[] init, double learningRate, int steps) {
    if (!Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be finite, got " + learningRate);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    double[] x = init.clone();
    List<double[]> points = new ArrayList<>(steps + 1);
    points.add(x.clone());
    for (int s = 0; s < steps; s++) {
      double[] grad = Derivatives.gradient(f, x);
      for (int i = 0; i < x.length; i++) {
        x[i] -= learningRate * grad[i];
      }
      points.add(x.clone());
    }
    return new DescentPath(points);
  }
}
