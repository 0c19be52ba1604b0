package io.nabla.autograd;

import io.nabla.backend.TernaryOp;
import io.nabla.tensor.ElementwiseOps;
import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.ReductionOps;
import io.nabla.tensor.ShapeOps;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * The reductions of {@link Variable} over any set of axes (sum, mean, max) and the normalizations
 * along the last axis (softmax, log-softmax), with their gradients.
 */
final class ReductionGradients {

  private ReductionGradients() {}

  /** 0, 1, ..., rank - 1. */
  static int[] allAxes(Variable a) {
    int[] axes = new int[a.value().rank()];
    Arrays.setAll(axes, i -> i);
    return axes;
  }

  /**
   * The axes in range and ascending, and the shape with each of them kept as 1.
   *
   * @throws IllegalArgumentException naming the operation if an axis is out of range or repeated
   */
  private static int[] keptShape(String operation, int[] shape, int[] axes) {
    int[] kept = shape.clone();
    boolean[] seen = new boolean[shape.length];
    for (int axis : axes) {
      int ax = Shapes.normalizeAxis(operation, axis, shape);
      if (seen[ax]) {
        throw new IllegalArgumentException(operation + ": axis " + axis + " is given twice for shape "
            + Shapes.format(shape));
      }
      seen[ax] = true;
      kept[ax] = 1;
    }
    return kept;
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    Arrays.setAll(r, i -> i);
    return r;
  }

  /** The reduction along each reduced axis in turn (kept as size 1), then the result's shape. */
  private static Tensor reduce(String operation, Tensor x, int[] kept, int[] result) {
    int[] shape = x.shape();
    Tensor out = x;
    if (Shapes.size(kept) == 1 && shape.length > 0) {
      out = x.reshape(x.size()); // every axis: one reduction over all elements
      out = operation.equals("max") ? ReductionOps.max(out, 0, true) : ReductionOps.sum(out, 0, true);
      return out.reshape(result);
    }
    for (int d = 0; d < shape.length; d++) {
      if (kept[d] == 1 && shape[d] != 1) {
        out = operation.equals("max") ? ReductionOps.max(out, d, true) : ReductionOps.sum(out, d, true);
      }
    }
    return out == x ? x.copy().reshape(result) : out.reshape(result);
  }

  static Variable sum(Variable a, int[] axes, boolean keepDims) {
    Tensor x = a.value();
    int[] shape = x.shape();
    int[] kept = keptShape("sum", shape, axes);
    int[] result = keepDims ? kept : dropped(shape, axes);
    return Node.record("sum", reduce("sum", x, kept, result), Node.NOTHING_SAVED,
        g -> new Tensor[] {ShapeOps.broadcastTo(g.reshape(kept), shape)}, a);
  }

  static Variable mean(Variable a, int[] axes, boolean keepDims) {
    Tensor x = a.value();
    int[] shape = x.shape();
    int[] kept = keptShape("mean", shape, axes);
    int[] result = keepDims ? kept : dropped(shape, axes);
    double count = (double) x.size() / Shapes.size(kept);
    Tensor out = reduce("sum", x, kept, result);
    out.muli(1 / count);
    return Node.record("mean", out, Node.NOTHING_SAVED,
        g -> new Tensor[] {ShapeOps.broadcastTo(g.reshape(kept), shape).mul(1 / count)}, a);
  }

  /** The gradient of a maximum goes to every element equal to it. */
  static Variable max(Variable a, int[] axes, boolean keepDims) {
    Tensor x = a.value();
    int[] shape = x.shape();
    int[] kept = keptShape("max", shape, axes);
    int[] result = keepDims ? kept : dropped(shape, axes);
    if (x.size() == 0) {
      throw new IllegalArgumentException("max: tensor of shape " + Shapes.format(shape) + " is empty");
    }
    Tensor out = reduce("max", x, kept, result);
    return Node.record("max", out, new Tensor[] {x, out}, g -> {
      Tensor spread = ShapeOps.broadcastTo(g.reshape(kept), shape);
      // max - x is > 0 where x is not its maximum, else 0 (or NaN where both are the same infinity,
      // or x is NaN): the gradient is g minus (max - x > 0 ? g : 0), so an infinite maximum gets it.
      Tensor notMax = x.zerosLike();
      ElementwiseOps.ternary(TernaryOp.RELU_BACKWARD, out.reshape(kept).sub(x), spread, spread, notMax);
      return new Tensor[] {spread.sub(notMax)};
    }, a);
  }

  private static int[] dropped(int[] shape, int[] axes) {
    boolean[] reduced = new boolean[shape.length];
    for (int axis : axes) {
      reduced[Shapes.normalizeAxis("reduce", axis, shape)] = true;
    }
    return Arrays.stream(range(shape.length)).filter(d -> !reduced[d]).map(d -> shape[d]).toArray();
  }

  /** {@code y = softmax(x)}; backward {@code y * (g - sum(g * y))} along the last axis. */
  static Variable softmax(Variable a) {
    Tensor x = a.value();
    requireAxis("softmax", x);
    Tensor y = NeuralOps.softmax(x);
    return Node.record("softmax", y, new Tensor[] {y}, g -> {
      Tensor gy = g.mul(y);
      Tensor dot = ReductionOps.sum(gy, -1, true);
      return new Tensor[] {gy.subi(y.mul(dot))};
    }, a);
  }

  /**
   * {@code y = x - max - log(sum(exp(x - max)))} along the last axis, stable for any scores;
   * backward {@code g - softmax(x) * sum(g)}.
   */
  static Variable logSoftmax(Variable a) {
    Tensor x = a.value();
    requireAxis("logSoftmax", x);
    Tensor shifted = x.sub(ReductionOps.max(x, -1, true));
    Tensor y = shifted.sub(ReductionOps.sum(shifted.exp(), -1, true).log());
    return Node.record("logSoftmax", y, new Tensor[] {y}, g -> {
      Tensor total = ReductionOps.sum(g, -1, true);
      return new Tensor[] {g.sub(y.exp().mul(total))};
    }, a);
  }

  private static void requireAxis(String operation, Tensor x) {
    if (x.rank() == 0 || x.dim(-1) == 0) {
      throw new IllegalArgumentException(operation + ": " + x.describe()
          + " has no elements along its last axis to normalize");
    }
  }
}
