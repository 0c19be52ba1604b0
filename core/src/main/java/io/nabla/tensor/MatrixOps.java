package io.nabla.tensor;

/**
 * Matrix products, checked here and run by the backend's GEMM kernel.
 *
 * <p>{@link #matmul} follows NumPy's {@code dot} for ranks 1 and 2; {@link #gemm} is the BLAS
 * form with transpose flags and an explicit output, which the layers use to avoid copies.
 */
public final class MatrixOps {

  private MatrixOps() {}

  /**
   * The product {@code a . b}: [m, k] x [k, n] gives [m, n]; a vector on the left acts as a row
   * ([k] x [k, n] gives [n]), on the right as a column ([m, k] x [k] gives [m]); two vectors give
   * their dot product as a scalar tensor.
   *
   * @throws ShapeMismatchException naming both shapes when the inner dimensions differ or a rank
   *     is not 1 or 2
   */
  public static Tensor matmul(Tensor a, Tensor b) {
    Checks.notNull("matmul", "left operand", a);
    Checks.notNull("matmul", "right operand", b);
    if (a.rank() < 1 || a.rank() > 2 || b.rank() < 1 || b.rank() > 2) {
      throw new ShapeMismatchException(
          "matmul: " + Shapes.format(a.shape()) + " x " + Shapes.format(b.shape())
              + ": operands must have rank 1 or 2");
    }
    Tensor left = a.rank() == 1 ? a.reshape(1, a.size()) : a;
    Tensor right = b.rank() == 1 ? b.reshape(b.size(), 1) : b;
    if (left.cols() != right.rows()) {
      throw new ShapeMismatchException(
          "matmul: " + Shapes.format(a.shape()) + " x " + Shapes.format(b.shape())
              + ": inner dimensions " + left.cols() + " and " + right.rows() + " differ");
    }
    Tensor product = DenseTensor.output(a, left.rows(), right.cols()); // beta = 0: written whole
    gemm(false, false, 1.0, left, right, 0.0, product);
    if (a.rank() == 1 && b.rank() == 1) {
      return product.reshape();
    }
    if (a.rank() == 1) {
      return product.reshape(right.cols());
    }
    return b.rank() == 1 ? product.reshape(left.rows()) : product;
  }

  /**
   * {@code c = alpha * op(a) . op(b) + beta * c}, {@code op} transposing where the flag is set.
   * All three are matrices of one dtype; {@code op(a)} is [m, k], {@code op(b)} is [k, n] and
   * {@code c} is [m, n]. Modifies {@code c} only, which must not share storage with {@code a} or
   * {@code b}.
   *
   * @throws ShapeMismatchException naming the shapes when they do not fit
   * @throws IllegalArgumentException on mixed dtypes or an aliased output
   */
  public static void gemm(
      boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
    Checks.notNull("gemm", "a", a);
    Checks.notNull("gemm", "b", b);
    Checks.notNull("gemm", "c", c);
    if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
      throw new ShapeMismatchException(
          "gemm: " + shapes(transA, transB, a, b, c) + ": all operands must be matrices");
    }
    Checks.sameDtypeAndBackend("gemm", a, b);
    Checks.sameDtypeAndBackend("gemm", a, c);
    int m = transA ? a.cols() : a.rows();
    int ka = transA ? a.rows() : a.cols();
    int kb = transB ? b.cols() : b.rows();
    int n = transB ? b.rows() : b.cols();
    if (ka != kb) {
      throw new ShapeMismatchException(
          "gemm: " + shapes(transA, transB, a, b, c) + ": inner dimensions " + ka + " and " + kb
              + " differ");
    }
    if (c.rows() != m || c.cols() != n) {
      throw new ShapeMismatchException(
          "gemm: " + shapes(transA, transB, a, b, c) + ": the output must have shape "
              + Shapes.format(m, n));
    }
    Checks.notAliased("gemm", c, a, "a");
    Checks.notAliased("gemm", c, b, "b");
    Checks.written(c);
    a.backend().gemm(transA, transB, m, n, ka, alpha, a.storage(), b.storage(), beta, c.storage());
  }

  /** The operands' shapes for an error message, e.g. {@code [100, 784] x [784, 50] -> [100, 50]}. */
  private static String shapes(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
    return Shapes.format(a.shape()) + (transA ? "^T" : "") + " x " + Shapes.format(b.shape())
        + (transB ? "^T" : "") + " -> " + Shapes.format(c.shape());
  }
}
