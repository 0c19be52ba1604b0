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
    return Node.record("matmul", out, new Tensor[] {x, w}, productGradients(a, b), a, b);
  }

  /**
   * The affine map {@code x . W + b} of [batch, in], [in, out] and [out] as one operation, as a
   * layer computes it: the bias is added in place to the product (one output tensor, not two), and
   * the backward pass is {@link #matmul}'s plus {@code db = sum over rows of g}.
   */
  static Variable affine(Variable a, Variable weight, Variable bias) {
    Tensor x = a.value();
    Tensor w = weight.value();
    Tensor b = bias.value();
    if (x.rank() != 2 || w.rank() != 2 || !b.hasShape(w.dim(1))) {
      throw new ShapeMismatchException("affine: input " + Shapes.format(x.shape()) + ", weight "
          + Shapes.format(w.shape()) + " and bias " + Shapes.format(b.shape())
          + " do not fit: expected [batch, in], [in, out] and [out]");
    }
    Tensor out = MatrixOps.matmul(x, w).addi(b);
    Node.GradientFunction product = productGradients(a, weight);
    return Node.record("affine", out, new Tensor[] {x, w}, g -> {
      Tensor[] xw = product.apply(g);
      return new Tensor[] {xw[0], xw[1], bias.requiresGrad() ? Broadcasts.gradientOf(bias, g) : null};
    }, a, weight, bias);
  }

  /** {@code da = g . b^T} and {@code db = a^T . g} for the product {@code a . b}, where wanted. */
  private static Node.GradientFunction productGradients(Variable a, Variable b) {
    Tensor x = a.value();
    Tensor w = b.value();
    return g -> {
      Tensor dx = null;
      Tensor dw = null;
      if (a.requiresGrad()) {
        dx = a.gradientBuffer();
        MatrixOps.gemm(false, true, 1.0, g, w, 0.0, dx);
      }
      if (b.requiresGrad()) {
        dw = b.gradientBuffer();
        MatrixOps.gemm(true, false, 1.0, x, g, 0.0, dw);
      }
      return new Tensor[] {dx, dw};
    };
  }
}
