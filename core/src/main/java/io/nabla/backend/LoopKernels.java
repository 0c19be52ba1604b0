package io.nabla.backend;

import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;

/**
 * Every kernel but {@link #gemm} written as plain Java loops, for both dtypes, allocating nothing:
 * the shared base of backends that speed up only some kernels. A backend extends it, implements
 * {@code gemm}, and overrides the kernels it does better; the loops stay as the fallback. Float32
 * elementwise results and reductions are computed in double and rounded once.
 *
 * <p>Stateless, so safe to use from any number of threads.
 */
public abstract class LoopKernels implements Backend {

  /** For subclasses. */
  protected LoopKernels() {}

  private static boolean isFloat(Tensor t) {
    return t.dtype() == DType.FLOAT32;
  }

  @Override
  public void axpy(double alpha, Tensor x, Tensor y) {
    if (isFloat(y)) {
      float[] xs = HeapStorage.floats(x);
      float[] ys = HeapStorage.floats(y);
      float a = (float) alpha;
      for (int i = 0; i < ys.length; i++) {
        ys[i] += a * xs[i];
      }
    } else {
      double[] xs = HeapStorage.doubles(x);
      double[] ys = HeapStorage.doubles(y);
      for (int i = 0; i < ys.length; i++) {
        ys[i] += alpha * xs[i];
      }
    }
  }

  @Override
  public void scale(double alpha, Tensor x) {
    if (isFloat(x)) {
      float[] xs = HeapStorage.floats(x);
      float a = (float) alpha;
      for (int i = 0; i < xs.length; i++) {
        xs[i] *= a;
      }
    } else {
      double[] xs = HeapStorage.doubles(x);
      for (int i = 0; i < xs.length; i++) {
        xs[i] *= alpha;
      }
    }
  }

  @Override
  public void fill(Tensor x, double value) {
    if (isFloat(x)) {
      java.util.Arrays.fill(HeapStorage.floats(x), (float) value);
    } else {
      java.util.Arrays.fill(HeapStorage.doubles(x), value);
    }
  }

  @Override
  public void map(UnaryOp op, Tensor x, Tensor out) {
    if (isFloat(x)) {
      float[] xs = HeapStorage.floats(x);
      float[] os = HeapStorage.floats(out);
      for (int i = 0; i < xs.length; i++) {
        os[i] = (float) op.apply(xs[i]);
      }
    } else {
      double[] xs = HeapStorage.doubles(x);
      double[] os = HeapStorage.doubles(out);
      for (int i = 0; i < xs.length; i++) {
        os[i] = op.apply(xs[i]);
      }
    }
  }

  @Override
  public void zip(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    if (isFloat(a)) {
      float[] as = HeapStorage.floats(a);
      float[] bs = HeapStorage.floats(b);
      float[] os = HeapStorage.floats(out);
      for (int i = 0; i < as.length; i++) {
        os[i] = (float) op.apply(as[i], bs[i]);
      }
    } else {
      double[] as = HeapStorage.doubles(a);
      double[] bs = HeapStorage.doubles(b);
      double[] os = HeapStorage.doubles(out);
      for (int i = 0; i < as.length; i++) {
        os[i] = op.apply(as[i], bs[i]);
      }
    }
  }

  @Override
  public void zipScalar(BinaryOp op, Tensor a, double scalar, Tensor out) {
    if (isFloat(a)) {
      float[] as = HeapStorage.floats(a);
      float[] os = HeapStorage.floats(out);
      for (int i = 0; i < as.length; i++) {
        os[i] = (float) op.apply(as[i], scalar);
      }
    } else {
      double[] as = HeapStorage.doubles(a);
      double[] os = HeapStorage.doubles(out);
      for (int i = 0; i < as.length; i++) {
        os[i] = op.apply(as[i], scalar);
      }
    }
  }

  @Override
  public void zipRowVector(BinaryOp op, Tensor a, Tensor row, Tensor out) {
    int n = row.size();
    int rows = n == 0 ? 0 : a.size() / n;
    if (isFloat(a)) {
      float[] as = HeapStorage.floats(a);
      float[] rs = HeapStorage.floats(row);
      float[] os = HeapStorage.floats(out);
      for (int r = 0; r < rows; r++) {
        for (int j = 0, i = r * n; j < n; j++, i++) {
          os[i] = (float) op.apply(as[i], rs[j]);
        }
      }
    } else {
      double[] as = HeapStorage.doubles(a);
      double[] rs = HeapStorage.doubles(row);
      double[] os = HeapStorage.doubles(out);
      for (int r = 0; r < rows; r++) {
        for (int j = 0, i = r * n; j < n; j++, i++) {
          os[i] = op.apply(as[i], rs[j]);
        }
      }
    }
  }

  @Override
  public void zipColumnVector(BinaryOp op, Tensor a, Tensor column, Tensor out) {
    int rows = column.size();
    int cols = rows == 0 ? 0 : a.size() / rows;
    if (isFloat(a)) {
      float[] as = HeapStorage.floats(a);
      float[] cs = HeapStorage.floats(column);
      float[] os = HeapStorage.floats(out);
      for (int r = 0; r < rows; r++) {
        for (int j = 0, i = r * cols; j < cols; j++, i++) {
          os[i] = (float) op.apply(as[i], cs[r]);
        }
      }
    } else {
      double[] as = HeapStorage.doubles(a);
      double[] cs = HeapStorage.doubles(column);
      double[] os = HeapStorage.doubles(out);
      for (int r = 0; r < rows; r++) {
        for (int j = 0, i = r * cols; j < cols; j++, i++) {
          os[i] = op.apply(as[i], cs[r]);
        }
      }
    }
  }

  @Override
  public void reduce(ReduceOp op, Tensor x, int outer, int length, int inner, Tensor out) {
    boolean f32 = isFloat(x);
    float[] fx = f32 ? HeapStorage.floats(x) : null;
    double[] dx = f32 ? null : HeapStorage.doubles(x);
    float[] fo = f32 ? HeapStorage.floats(out) : null;
    double[] dout = f32 ? null : HeapStorage.doubles(out);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        // One double accumulator per output, rounded once when stored.
        double acc = op.identity();
        for (int l = 0, at = o * length * inner + i; l < length; l++, at += inner) {
          acc = op.combine(acc, f32 ? fx[at] : dx[at]);
        }
        if (f32) {
          fo[o * inner + i] = (float) acc;
        } else {
          dout[o * inner + i] = acc;
        }
      }
    }
  }

  @Override
  public void argmax(Tensor x, int outer, int length, int inner, int[] out) {
    boolean f32 = isFloat(x);
    float[] fx = f32 ? HeapStorage.floats(x) : null;
    double[] dx = f32 ? null : HeapStorage.doubles(x);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * length * inner + i;
        int best = 0;
        double bestValue = f32 ? fx[base] : dx[base];
        for (int l = 1; l < length && !Double.isNaN(bestValue); l++) {
          double v = f32 ? fx[base + l * inner] : dx[base + l * inner];
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

  @Override
  public void softmaxRows(Tensor x, Tensor out) {
    int n = x.rank() == 0 ? 1 : x.dim(-1);
    int rows = n == 0 ? 0 : x.size() / n;
    if (isFloat(x)) {
      float[] xs = HeapStorage.floats(x);
      float[] os = HeapStorage.floats(out);
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
    } else {
      double[] xs = HeapStorage.doubles(x);
      double[] os = HeapStorage.doubles(out);
      for (int r = 0, base = 0; r < rows; r++, base += n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          max = Math.max(max, xs[base + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
          double e = Math.exp(xs[base + j] - max);
          os[base + j] = e;
          sum += e;
        }
        for (int j = 0; j < n; j++) {
          os[base + j] /= sum;
        }
      }
    }
  }

  @Override
  public void sigmoidBackward(Tensor y, Tensor gradOut, Tensor gradIn) {
    if (isFloat(y)) {
      float[] ys = HeapStorage.floats(y);
      float[] go = HeapStorage.floats(gradOut);
      float[] gi = HeapStorage.floats(gradIn);
      for (int i = 0; i < ys.length; i++) {
        gi[i] = go[i] * ys[i] * (1f - ys[i]);
      }
    } else {
      double[] ys = HeapStorage.doubles(y);
      double[] go = HeapStorage.doubles(gradOut);
      double[] gi = HeapStorage.doubles(gradIn);
      for (int i = 0; i < ys.length; i++) {
        gi[i] = go[i] * ys[i] * (1.0 - ys[i]);
      }
    }
  }

  @Override
  public void reluBackward(Tensor x, Tensor gradOut, Tensor gradIn) {
    if (isFloat(x)) {
      float[] xs = HeapStorage.floats(x);
      float[] go = HeapStorage.floats(gradOut);
      float[] gi = HeapStorage.floats(gradIn);
      for (int i = 0; i < xs.length; i++) {
        gi[i] = xs[i] > 0 ? go[i] : 0f;
      }
    } else {
      double[] xs = HeapStorage.doubles(x);
      double[] go = HeapStorage.doubles(gradOut);
      double[] gi = HeapStorage.doubles(gradIn);
      for (int i = 0; i < xs.length; i++) {
        gi[i] = xs[i] > 0 ? go[i] : 0.0;
      }
    }
  }
}
