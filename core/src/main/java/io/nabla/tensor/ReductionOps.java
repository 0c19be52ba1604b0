package io.nabla.tensor;

import io.nabla.backend.ReduceOp;

/**
 * Sums, means, maxima and argmax over the whole tensor or along one axis, run by the backend's
 * {@code reduce} and {@code argmax} kernels. With {@code keepDims} the reduced axis stays in the
 * shape with length 1, as NumPy's {@code keepdims=True}, so the result broadcasts back.
 */
public final class ReductionOps {

  private ReductionOps() {}

  /** Sum of all elements (0 for an empty tensor). */
  public static double sum(Tensor x) {
    return reduceAll(ReduceOp.SUM, x);
  }

  /** Mean of all elements (NaN for an empty tensor, as NumPy). */
  public static double mean(Tensor x) {
    return sum(x) / x.size();
  }

  /**
   * Largest element.
   *
   * @throws IllegalArgumentException for an empty tensor, which has none
   */
  public static double max(Tensor x) {
    requireNonEmpty("max", x);
    return reduceAll(ReduceOp.MAX, x);
  }

  /** Sums along {@code axis}. */
  public static Tensor sum(Tensor x, int axis, boolean keepDims) {
    return reduceAxis(ReduceOp.SUM, "sum", x, axis, keepDims);
  }

  /**
   * Sums along {@code axis} into {@code out}, whose shape must be {@code x}'s without that axis:
   * the bias gradient {@code sum over rows of dout} without allocating.
   */
  public static void sum(Tensor x, int axis, Tensor out) {
    Checks.notNull("sum", "input", x);
    Checks.notNull("sum", "output", out);
    Checks.sameDtypeAndBackend("sum", x, out);
    Checks.notAliased("sum", out, x, "the input");
    int[] shape = x.shape();
    int ax = Shapes.normalizeAxis("sum", axis, shape);
    int[] expected = reducedShape(shape, ax, false);
    Checks.shapeIs("sum", "output", out, expected);
    Checks.written(out);
    x.backend().reduce(ReduceOp.SUM, Shapes.product(shape, 0, ax), shape[ax],
        Shapes.product(shape, ax + 1, shape.length), x.storage(), out.storage());
  }

  /** Means along {@code axis}. */
  public static Tensor mean(Tensor x, int axis, boolean keepDims) {
    Tensor sums = reduceAxis(ReduceOp.SUM, "mean", x, axis, keepDims);
    sums.muli(1.0 / x.dim(axis));
    return sums;
  }

  /** Maxima along {@code axis}; the axis must not be empty. */
  public static Tensor max(Tensor x, int axis, boolean keepDims) {
    if (x.dim(axis) == 0) {
      throw new IllegalArgumentException(
          "max: axis " + axis + " of shape " + Shapes.format(x.shape()) + " is empty");
    }
    return reduceAxis(ReduceOp.MAX, "max", x, axis, keepDims);
  }

  /** Flat index of the first largest element. */
  public static int argmax(Tensor x) {
    requireNonEmpty("argmax", x);
    int[] out = new int[1];
    x.backend().argmax(1, x.size(), 1, x.storage(), out);
    return out[0];
  }

  /**
   * Indices of the first largest elements along {@code axis}, one per position of the other axes
   * in row-major order: for a matrix and axis 1, the predicted class of each row.
   */
  public static int[] argmax(Tensor x, int axis) {
    int ax = Shapes.normalizeAxis("argmax", axis, x.shape());
    int[] shape = x.shape();
    if (shape[ax] == 0) {
      throw new IllegalArgumentException(
          "argmax: axis " + axis + " of shape " + Shapes.format(shape) + " is empty");
    }
    int outer = Shapes.product(shape, 0, ax);
    int inner = Shapes.product(shape, ax + 1, shape.length);
    int[] out = new int[outer * inner];
    x.backend().argmax(outer, shape[ax], inner, x.storage(), out);
    return out;
  }

  private static double reduceAll(ReduceOp op, Tensor x) {
    Tensor out = x.zerosLike(new int[0]);
    x.backend().reduce(op, 1, x.size(), 1, x.storage(), out.storage());
    return out.getFlat(0);
  }

  private static Tensor reduceAxis(ReduceOp op, String name, Tensor x, int axis, boolean keepDims) {
    Checks.notNull(name, "input", x);
    int[] shape = x.shape();
    int ax = Shapes.normalizeAxis(name, axis, shape);
    int outer = Shapes.product(shape, 0, ax);
    int inner = Shapes.product(shape, ax + 1, shape.length);
    Tensor out = x.zerosLike(reducedShape(shape, ax, keepDims));
    x.backend().reduce(op, outer, shape[ax], inner, x.storage(), out.storage());
    return out;
  }

  private static int[] reducedShape(int[] shape, int axis, boolean keepDims) {
    if (keepDims) {
      int[] kept = shape.clone();
      kept[axis] = 1;
      return kept;
    }
    int[] reduced = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != axis) {
        reduced[j++] = shape[i];
      }
    }
    return reduced;
  }

  private static void requireNonEmpty(String name, Tensor x) {
    if (x.size() == 0) {
      throw new IllegalArgumentException(
          name + ": tensor of shape " + Shapes.format(x.shape()) + " is empty");
    }
  }
}
