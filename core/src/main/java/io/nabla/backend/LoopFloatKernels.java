// dtype-source: float32 (its float64 twin is generated; see docs/architecture.md)
package io.nabla.backend;

/**
 * The float32 loops behind {@link LoopKernels}: plain Java over row-major arrays, allocating
 * nothing. Elementwise results and reductions are computed in double and rounded once to float32.
 * Stateless, so safe from any number of threads.
 */
final class LoopFloatKernels {

  private LoopFloatKernels() {}

  static void axpy(float alpha, float[] xs, float[] ys) {
    for (int i = 0; i < ys.length; i++) {
      ys[i] += alpha * xs[i];
    }
  }

  static void scale(float alpha, float[] xs) {
    for (int i = 0; i < xs.length; i++) {
      xs[i] *= alpha;
    }
  }

  static void fill(float[] xs, float value) {
    java.util.Arrays.fill(xs, value);
  }

  static void map(UnaryOp op, float[] xs, float[] os) {
    for (int i = 0; i < xs.length; i++) {
      os[i] = (float) op.apply(xs[i]);
    }
  }

  static void zip(BinaryOp op, float[] as, float[] bs, float[] os) {
    for (int i = 0; i < as.length; i++) {
      os[i] = (float) op.apply(as[i], bs[i]);
    }
  }

  static void zipScalar(BinaryOp op, float[] as, double scalar, float[] os) {
    for (int i = 0; i < as.length; i++) {
      os[i] = (float) op.apply(as[i], scalar);
    }
  }

  /** {@code a} and {@code out} read as [rows, n], {@code row} of length n. */
  static void zipRowVector(BinaryOp op, float[] as, float[] rs, float[] os, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0, i = r * n; j < n; j++, i++) {
        os[i] = (float) op.apply(as[i], rs[j]);
      }
    }
  }

  /** {@code a} and {@code out} read as [rows, cols], {@code column} of length rows. */
  static void zipColumnVector(BinaryOp op, float[] as, float[] cs, float[] os, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0, i = r * cols; j < cols; j++, i++) {
        os[i] = (float) op.apply(as[i], cs[r]);
      }
    }
  }

  static void reduce(ReduceOp op, float[] xs, int outer, int length, int inner, float[] os) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        // One double accumulator per output, rounded once when stored.
        double acc = op.identity();
        for (int l = 0, at = o * length * inner + i; l < length; l++, at += inner) {
          acc = op.combine(acc, xs[at]);
        }
        os[o * inner + i] = (float) acc;
      }
    }
  }

  static void argmax(float[] xs, int outer, int length, int inner, int[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * length * inner + i;
        int best = 0;
        double bestValue = xs[base];
        for (int l = 1; l < length && !Double.isNaN(bestValue); l++) {
          double v = xs[base + l * inner];
          // A NaN wins, as in NumPy, which reports the first NaN.
          if (v > bestValue || Double.isNaN(v)) {
            best = l;
            bestValue = v;
          }
        }
        out[o * inner + i] = best;
      }
    }
  }

  /** Each of {@code rows} rows of length n. */
  static void softmaxRows(float[] xs, float[] os, int rows, int n) {
    for (int r = 0, base = 0; r < rows; r++, base += n) {
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        max = Math.max(max, xs[base + j]);
      }
      double sum = 0;
      for (int j = 0; j < n; j++) {
        // Subtracting the row max keeps exp from overflowing, as the chapter's softmax does.
        float e = (float) Math.exp(xs[base + j] - max);
        os[base + j] = e;
        sum += e;
      }
      float inverse = (float) (1.0 / sum);
      for (int j = 0; j < n; j++) {
        os[base + j] *= inverse;
      }
    }
  }

  static void sigmoidBackward(float[] ys, float[] go, float[] gi) {
    for (int i = 0; i < ys.length; i++) {
      gi[i] = go[i] * ys[i] * (1f - ys[i]);
    }
  }

  static void reluBackward(float[] xs, float[] go, float[] gi) {
    for (int i = 0; i < xs.length; i++) {
      gi[i] = xs[i] > 0 ? go[i] : 0f;
    }
  }
}
