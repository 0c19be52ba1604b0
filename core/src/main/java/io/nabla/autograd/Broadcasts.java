package io.nabla.autograd;

import io.nabla.tensor.ReductionOps;
import io.nabla.tensor.Tensor;

/**
 * The backward rule of NumPy broadcasting: an input stretched over the output's shape gets the
 * sum of the output's gradient over the dimensions it was stretched along.
 */
final class Broadcasts {

  private Broadcasts() {}

  /**
   * The gradient of {@code input} from the output's {@code g}: {@link #sumTo}, written into the
   * input's kept gradient buffer when it is a bias (one sum over the leading axis), as a layer's
   * bias is every step.
   */
  static Tensor gradientOf(Variable input, Tensor g) {
    if (isOneRowOf(input.value(), g)) {
      Tensor out = input.gradientBuffer();
      ReductionOps.sum(g, 0, out);
      return out;
    }
    return sumTo(g, input.shape());
  }

  /** Whether {@code g}'s shape is {@code row}'s with a leading axis (compared without copying shapes). */
  private static boolean isOneRowOf(Tensor row, Tensor g) {
    if (g.rank() != row.rank() + 1) {
      return false;
    }
    for (int d = 0; d < row.rank(); d++) {
      if (g.dim(d + 1) != row.dim(d)) {
        return false;
      }
    }
    return true;
  }

  /** {@code g} summed down to {@code shape}, which broadcasts to g's shape; {@code g} itself if equal. */
  static Tensor sumTo(Tensor g, int[] shape) {
    if (g.hasShape(shape)) {
      return g;
    }
    Tensor out = g;
    while (out.rank() > shape.length) {
      out = ReductionOps.sum(out, 0, false); // dimensions the input did not have
    }
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1 && out.dim(d) != 1) {
        out = ReductionOps.sum(out, d, true); // dimensions stretched from 1
      }
    }
    return out;
  }
}
