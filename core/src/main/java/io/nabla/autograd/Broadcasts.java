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
    int[] shape = input.shape();
    if (g.rank() == shape.length + 1 && java.util.Arrays.equals(shape, 0, shape.length, g.shape(), 1, g.rank())) {
      Tensor out = input.gradientBuffer(g, shape);
      ReductionOps.sum(g, 0, out);
      return out;
    }
    return sumTo(g, shape);
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
