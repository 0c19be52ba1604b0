package io.nabla.autograd;

import io.nabla.tensor.ReductionOps;
import io.nabla.tensor.Tensor;

/**
 * The backward rule of NumPy broadcasting: an input stretched over the output's shape gets the
 * sum of the output's gradient over the dimensions it was stretched along.
 */
final class Broadcasts {

  private Broadcasts() {}

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
