package io.nabla.backend.pure;

import io.nabla.backend.ReduceOp;
import io.nabla.tensor.Tensor;

/**
 * Reductions, argmax and row softmax in plain loops. Elements are read as doubles and
 * accumulated in double, the most accurate choice for a reference; results are rounded to the
 * output's dtype once.
 */
final class PureReductions {

  private PureReductions() {}

  static void reduce(ReduceOp op, Tensor x, int outer, int length, int inner, Tensor out) {
    double[] values = Elements.read(x);
    double[] acc = new double[outer * inner];
    java.util.Arrays.fill(acc, op.identity());
    for (int o = 0; o < outer; o++) {
      for (int l = 0; l < length; l++) {
        int base = (o * length + l) * inner;
        for (int i = 0; i < inner; i++) {
          acc[o * inner + i] = op.combine(acc[o * inner + i], values[base + i]);
        }
      }
    }
    Elements.write(acc, out);
  }

  static void argmax(Tensor x, int outer, int length, int inner, int[] out) {
    double[] values = Elements.read(x);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = 0;
        double bestValue = values[o * length * inner + i];
        for (int l = 1; l < length && !Double.isNaN(bestValue); l++) {
          double v = values[(o * length + l) * inner + i];
          // A NaN wins as in NumPy, which reports the first NaN.
          if (v > bestValue || Double.isNaN(v)) {
            best = l;
            bestValue = v;
          }
        }
        out[o * inner + i] = best;
      }
    }
  }

  static void softmaxRows(Tensor x, Tensor out) {
    int n = x.dim(-1);
    double[] values = Elements.read(x);
    int rows = n == 0 ? 0 : values.length / n;
    for (int r = 0; r < rows; r++) {
      int base = r * n;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        max = Math.max(max, values[base + j]);
      }
      double sum = 0;
      for (int j = 0; j < n; j++) {
        // Subtracting the row max keeps exp from overflowing, as the chapter's softmax does.
        values[base + j] = Math.exp(values[base + j] - max);
        sum += values[base + j];
      }
      for (int j = 0; j < n; j++) {
        values[base + j] /= sum;
      }
    }
    Elements.write(values, out);
  }
}
