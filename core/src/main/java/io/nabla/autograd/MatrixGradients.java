package io.nabla.autograd;

import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.ShapeMismatchException;
import io.nabla.tensor.Tensor;

/** The matrix product of {@link Variable} and its gradient. */
final class MatrixGradients {

  private MatrixGradients() {}

  /**
   * {@code a . b} of [m, k] and [k, n]; backward {@code da = g . b^T} and {@code db = a^T . g}, each
   * one GEMM with a transpose flag and computed only where wanted (a net's input needs none).
   */
  static Variable matmul(Variable a, Variable b) {
    Tensor x = a.value();
    Tensor w = b.value();
    if (x.rank() != 2 || w.rank() != 2) {
      throw new ShapeMismatchException("matmul: " + Shapes.format(x.shape()) + " x "
          + Shapes.format(w.shape()) + ": variables must be matrices (reshape a vector to [1, n])");
    }
    Tensor out = MatrixOps.matmul(x, w);
    return Node.record("matmul", out, new Tensor[] {x, w}, g -> {
      Tensor dx = null;
      Tensor dw = null;
      if (a.requiresGrad()) {
        dx = x.zerosLike(x.shape());
        MatrixOps.gemm(false, true, 1.0, g, w, 0.0, dx);
      }
      if (b.requiresGrad()) {
        dw = w.zerosLike(w.shape());
        MatrixOps.gemm(true, false, 1.0, x, g, 0.0, dw);
      }
      return new Tensor[] {dx, dw};
    }, a, b);
  }
}
