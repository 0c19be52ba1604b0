package io.nabla.tensor;

import io.nabla.backend.BinaryOp;
import io.nabla.backend.UnaryOp;

/**
 * Elementwise operations with NumPy broadcasting, checked here and run by the tensors' backend.
 *
 * <p>Broadcasting follows NumPy: shapes are aligned at their last dimension and each pair of
 * dimensions must be equal or contain a 1. A scalar, a row vector over a batch and a column
 * vector over a matrix run as single kernels; other broadcasts are materialized first.
 */
public final class ElementwiseOps {

  private ElementwiseOps() {}

  /** A new tensor {@code op(x)}. */
  public static Tensor map(UnaryOp op, Tensor x) {
    Tensor out = x.zerosLike();
    map(op, x, out);
    return out;
  }

  /** {@code out = op(x)}; shapes and dtypes must match, {@code out} may be {@code x}. */
  public static void map(UnaryOp op, Tensor x, Tensor out) {
    String name = op.label();
    Checks.notNull(name, "input", x);
    Checks.notNull(name, "output", out);
    Checks.sameDtypeAndBackend(name, x, out);
    Checks.sameShape(name, x, out);
    x.backend().map(op, x, out);
  }

  /** A new tensor {@code op(a, b)}, broadcasting both operands to a common shape. */
  public static Tensor zip(BinaryOp op, Tensor a, Tensor b) {
    String name = op.label();
    Checks.notNull(name, "left operand", a);
    Checks.notNull(name, "right operand", b);
    Tensor out = a.zerosLike(Shapes.broadcast(name, a.shape(), b.shape()));
    zipInto(op, a, b, out);
    return out;
  }

  /** A new tensor {@code op(a, scalar)}. */
  public static Tensor zip(BinaryOp op, Tensor a, double scalar) {
    Tensor out = a.zerosLike();
    zipInto(op, a, scalar, out);
    return out;
  }

  /** {@code out = op(a, scalar)}; shapes and dtypes must match, {@code out} may be {@code a}. */
  public static void zipInto(BinaryOp op, Tensor a, double scalar, Tensor out) {
    String name = op.label();
    Checks.notNull(name, "operand", a);
    Checks.notNull(name, "output", out);
    Checks.sameDtypeAndBackend(name, a, out);
    Checks.sameShape(name, a, out);
    a.backend().zipScalar(op, a, scalar, out);
  }

  /**
   * {@code out = op(a, b)} with broadcasting: the broadcast shape of {@code a} and {@code b} must
   * be the shape of {@code out}. {@code out} may be {@code a} (in-place update).
   */
  public static void zipInto(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    String name = op.label();
    Checks.notNull(name, "left operand", a);
    Checks.notNull(name, "right operand", b);
    Checks.notNull(name, "output", out);
    Checks.sameDtypeAndBackend(name, a, b);
    Checks.sameDtypeAndBackend(name, a, out);
    if (!isBroadcastShape(a, b, out)) {
      int[] shape = Shapes.broadcast(name, a.shape(), b.shape());
      throw new ShapeMismatchException(
          name + ": " + Shapes.format(a.shape()) + " and " + Shapes.format(b.shape())
              + " broadcast to " + Shapes.format(shape) + ", but the output has shape "
              + Shapes.format(out.shape()));
    }
    // The checks above and below allocate nothing: a training step calls this several times.
    var kernels = a.backend();
    boolean aFull = a.hasSameShape(out);
    if (aFull && b.hasSameShape(out)) {
      kernels.zip(op, a, b, out);
    } else if (aFull && b.size() == 1) {
      kernels.zipScalar(op, a, b.getFlat(0), out);
    } else if (b.hasSameShape(out) && a.size() == 1 && op.isCommutative()) {
      kernels.zipScalar(op, b, a.getFlat(0), out);
    } else if (aFull && isRowVectorOf(b, out) && !out.sharesStorageWith(b)) {
      kernels.zipRowVector(op, a, b, out);
    } else if (aFull && isColumnVectorOf(b, out) && !out.sharesStorageWith(b)) {
      kernels.zipColumnVector(op, a, b, out);
    } else {
      int[] shape = out.shape();
      kernels.zip(op, ShapeOps.broadcastTo(a, shape), ShapeOps.broadcastTo(b, shape), out);
    }
  }

  /** Dimension {@code j} of {@code x} counted from its last (0 is the last), 1 past its rank. */
  private static int dimFromEnd(Tensor x, int j) {
    return j < x.rank() ? x.dim(x.rank() - 1 - j) : 1;
  }

  /** Whether {@code out}'s shape is the NumPy broadcast of {@code a}'s and {@code b}'s. */
  private static boolean isBroadcastShape(Tensor a, Tensor b, Tensor out) {
    int rank = out.rank();
    if (Math.max(a.rank(), b.rank()) != rank) {
      return false;
    }
    for (int j = 0; j < rank; j++) {
      int da = dimFromEnd(a, j);
      int db = dimFromEnd(b, j);
      if ((da != db && da != 1 && db != 1) || (da == 1 ? db : da) != dimFromEnd(out, j)) {
        return false;
      }
    }
    return true;
  }

  /** {@code y += alpha * x}; shapes and dtypes must match and {@code y} must not be {@code x}. */
  public static void axpy(double alpha, Tensor x, Tensor y) {
    Checks.notNull("axpy", "x", x);
    Checks.notNull("axpy", "y", y);
    Checks.sameDtypeAndBackend("axpy", x, y);
    Checks.sameShape("axpy", x, y);
    y.backend().axpy(alpha, x, y);
  }

  /** {@code x *= alpha}. */
  public static void scale(double alpha, Tensor x) {
    Checks.notNull("scale", "x", x);
    x.backend().scale(alpha, x);
  }

  /** Sets every element of {@code x} to {@code value}. */
  public static void fill(Tensor x, double value) {
    Checks.notNull("fill", "x", x);
    x.backend().fill(x, value);
  }

  /** True when {@code b} broadcasts along the rows of {@code out}: {@code [n]} or {@code [1, n]}. */
  private static boolean isRowVectorOf(Tensor b, Tensor out) {
    if (b.rank() == 0 || out.rank() == 0 || b.dim(-1) != out.dim(-1)) {
      return false;
    }
    for (int i = 0; i < b.rank() - 1; i++) {
      if (b.dim(i) != 1) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code out} is a matrix [n, m] and {@code b} is its column [n, 1]. */
  private static boolean isColumnVectorOf(Tensor b, Tensor out) {
    return out.rank() == 2 && b.rank() == 2 && b.dim(0) == out.dim(0) && b.dim(1) == 1;
  }

}
