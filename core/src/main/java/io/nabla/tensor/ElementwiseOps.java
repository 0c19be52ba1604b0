package io.nabla.tensor;

import io.nabla.backend.BinaryOp;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;

/**
 * Elementwise operations with NumPy broadcasting, checked here and run by the tensors' backend.
 *
 * <p>Broadcasting follows NumPy: shapes are aligned at their last dimension and each pair of
 * dimensions must be equal or contain a 1. Every broadcast runs as one kernel that reads the
 * smaller operand with stride 0 along its stretched dimensions; nothing is materialized.
 */
public final class ElementwiseOps {

  private ElementwiseOps() {}

  /** A new tensor {@code op(x)}. */
  public static Tensor map(UnaryOp op, Tensor x) {
    Tensor out = DenseTensor.output(x, x.shape());
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
    Checks.written(out);
    x.backend().map(op, x.size(), x.storage(), out.storage());
  }

  /** A new tensor {@code op(a, b)}, broadcasting both operands to a common shape. */
  public static Tensor zip(BinaryOp op, Tensor a, Tensor b) {
    String name = op.label();
    Checks.notNull(name, "left operand", a);
    Checks.notNull(name, "right operand", b);
    Tensor out = DenseTensor.output(a, Shapes.broadcast(name, a.shape(), b.shape()));
    zipInto(op, a, b, out);
    return out;
  }

  /** A new tensor {@code op(a, scalar)}. */
  public static Tensor zip(BinaryOp op, Tensor a, double scalar) {
    Tensor out = DenseTensor.output(a, a.shape());
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
    Checks.written(out);
    a.backend().binaryScalar(op, a.size(), a.storage(), scalar, out.storage());
  }

  /**
   * {@code out = op(a, b)} with broadcasting: the broadcast shape of {@code a} and {@code b} must
   * be the shape of {@code out}. {@code out} may be {@code a} (in-place update), or {@code b} when
   * {@code b} has the output's shape.
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
    Checks.written(out);
    BroadcastPlan plan = BroadcastPlan.of(a, b, out);
    if (op.isCommutative() && plan.a().isScalar(plan.shape()) && !plan.b().isScalar(plan.shape())) {
      // The scalar second, where the kernels have their fast path: op(a, b) == op(b, a).
      a.backend().binary(op, plan.shape(), b.storage(), plan.b(), a.storage(), plan.a(), out.storage());
    } else {
      a.backend().binary(op, plan.shape(), a.storage(), plan.a(), b.storage(), plan.b(), out.storage());
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
    if (x.sharesStorageWith(y)) {
      throw new IllegalArgumentException("axpy: y shares storage with x; pass a separate tensor");
    }
    Checks.written(y);
    y.backend().axpy(y.size(), alpha, x.storage(), y.storage());
  }

  /** {@code x *= alpha}, with {@code alpha} rounded to x's dtype first, as BLAS's scal does. */
  public static void scale(double alpha, Tensor x) {
    Checks.notNull("scale", "x", x);
    Checks.written(x);
    x.backend().binaryScalar(BinaryOp.MULTIPLY, x.size(), x.storage(), x.dtype().round(alpha), x.storage());
  }

  /** Sets every element of {@code x} to {@code value}. */
  public static void fill(Tensor x, double value) {
    Checks.notNull("fill", "x", x);
    Checks.written(x);
    x.backend().fill(x.size(), x.storage(), value);
  }

  /**
   * {@code out = op(a, b, c)} elementwise over tensors of one shape: {@code where}, or an
   * activation's fused backward pass from its input {@code a}, output {@code b} and output
   * gradient {@code c} ({@link TernaryOp}). {@code out} may be any of the inputs.
   */
  public static void ternary(TernaryOp op, Tensor a, Tensor b, Tensor c, Tensor out) {
    String name = op.label();
    Checks.notNull(name, "first operand", a);
    Checks.notNull(name, "second operand", b);
    Checks.notNull(name, "third operand", c);
    Checks.notNull(name, "output", out);
    Checks.sameDtypeAndBackend(name, a, b);
    Checks.sameDtypeAndBackend(name, a, c);
    Checks.sameDtypeAndBackend(name, a, out);
    Checks.sameShape(name, a, b);
    Checks.sameShape(name, a, c);
    Checks.sameShape(name, a, out);
    Checks.written(out);
    a.backend().ternary(op, a.size(), a.storage(), b.storage(), c.storage(), out.storage());
  }

  /** A new tensor {@code condition != 0 ? a : b}, NumPy's {@code where}, over tensors of one shape. */
  public static Tensor where(Tensor condition, Tensor a, Tensor b) {
    Checks.notNull("where", "condition", condition);
    Tensor out = DenseTensor.output(condition, condition.shape());
    ternary(TernaryOp.WHERE, condition, a, b, out);
    return out;
  }
}
