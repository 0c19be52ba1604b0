// dtype-source: float32 (its float64 twin is generated; see docs/architecture.md)
package io.nabla.backend;

/**
 * The float32 kernels of a heap backend, on the arrays of {@link HeapStorage}: {@link HeapBackend}
 * unwraps the storage once and calls these, so a backend writes each kernel for arrays of one
 * type and never branches on the dtype. Every kernel but {@link #gemm} has a default in plain
 * Java loops, allocating nothing; a backend overrides the ones it does better and may call the
 * default for the cases it leaves (for example an operation it does not vectorize). The contracts
 * are {@link Backend}'s. Elementwise results and reductions are computed in double and rounded
 * once to float32, except where a comment says otherwise. Implementations must be stateless or
 * thread-safe: one instance serves every thread.
 */
public interface FloatArrayKernels {

  /** {@link Backend#gemm} on row-major arrays. */
  void gemm(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, float[] b, float beta, float[] c);

  /** {@link Backend#axpy}. */
  default void axpy(int n, float alpha, float[] x, float[] y) {
    for (int i = 0; i < n; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** {@link Backend#fill}. */
  default void fill(int n, float[] x, float value) {
    java.util.Arrays.fill(x, 0, n, value);
  }

  /** {@link Backend#map}. */
  default void map(UnaryOp op, int n, float[] x, float[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = (float) op.apply(x[i]);
    }
  }

  /**
   * {@link Backend#binary}: an odometer over all but the last dimension, and a strided loop over
   * the last (every operand's whole run when core has merged the dimensions it can).
   */
  default void binary(BinaryOp op, int[] shape, float[] a, View av, float[] b, View bv, float[] out) {
    int rank = shape.length;
    int n = rank == 0 ? 1 : shape[rank - 1];
    int total = 1;
    for (int d : shape) {
      total *= d;
    }
    if (total == 0) {
      return;
    }
    int sa = rank == 0 ? 0 : av.strides()[rank - 1];
    int sb = rank == 0 ? 0 : bv.strides()[rank - 1];
    int[] index = new int[Math.max(rank - 1, 0)];
    int ai = av.offset();
    int bi = bv.offset();
    for (int o = 0; o < total; o += n) {
      for (int j = 0; j < n; j++) {
        out[o + j] = (float) op.apply(a[ai + j * sa], b[bi + j * sb]);
      }
      // Odometer step over the outer dimensions, keeping both offsets in step.
      for (int d = rank - 2; d >= 0; d--) {
        index[d]++;
        ai += av.strides()[d];
        bi += bv.strides()[d];
        if (index[d] < shape[d]) {
          break;
        }
        ai -= av.strides()[d] * shape[d];
        bi -= bv.strides()[d] * shape[d];
        index[d] = 0;
      }
    }
  }

  /** {@link Backend#binaryScalar}. */
  default void binaryScalar(BinaryOp op, int n, float[] a, double scalar, float[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = (float) op.apply(a[i], scalar);
    }
  }

  /**
   * {@link Backend#ternary}. The sigmoid's backward pass is computed in float32, as the chapter's
   * NumPy computes it.
   */
  default void ternary(TernaryOp op, int n, float[] a, float[] b, float[] c, float[] out) {
    if (op == TernaryOp.SIGMOID_BACKWARD) {
      for (int i = 0; i < n; i++) {
        out[i] = c[i] * b[i] * (1f - b[i]);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      out[i] = (float) op.apply(a[i], b[i], c[i]);
    }
  }

  /**
   * {@link Backend#copy}: an odometer over all but the last dimension, and over the last a block
   * copy where it is contiguous (a batch's rows), else a strided loop (a transpose).
   */
  default void copy(int[] shape, float[] src, View view, int[] rows, float[] dst, int dstOffset) {
    int rank = shape.length;
    int total = 1;
    for (int d : shape) {
      total *= d;
    }
    if (total == 0) {
      return;
    }
    int[] strides = view.strides();
    if (rank <= 1) {
      int stride = rank == 0 ? 0 : strides[0];
      for (int j = 0; j < total; j++) {
        dst[dstOffset + j] = src[view.offset() + (rows != null ? rows[j] : j) * stride];
      }
      return;
    }
    int n = shape[rank - 1];
    int last = strides[rank - 1];
    if (rows != null && rank == 2 && last == 1) {
      // The rows of a mini-batch: one block copy each, the hottest use of this kernel.
      for (int i = 0, o = dstOffset; i < shape[0]; i++, o += n) {
        System.arraycopy(src, view.offset() + rows[i] * strides[0], dst, o, n);
      }
      return;
    }
    int[] index = new int[rank - 1];
    for (int o = dstOffset, end = dstOffset + total; o < end; o += n) {
      int from = view.offset();
      for (int d = 0; d < rank - 1; d++) {
        from += (d == 0 && rows != null ? rows[index[0]] : index[d]) * strides[d];
      }
      if (last == 1) {
        System.arraycopy(src, from, dst, o, n);
      } else {
        for (int j = 0; j < n; j++) {
          dst[o + j] = src[from + j * last];
        }
      }
      for (int d = rank - 2; d >= 0 && ++index[d] == shape[d]; d--) {
        index[d] = 0;
      }
    }
  }

  /**
   * {@link Backend#reduce}: one double accumulator per output, rounded once when stored. A sum
   * does four neighbouring outputs at once, four independent chains of additions instead of one
   * (a bias's gradient sums a few columns down a hundred rows); each starts at 0 and adds in the
   * same order as alone, so the bits are unchanged.
   */
  default void reduce(ReduceOp op, int outer, int length, int inner, float[] x, float[] out) {
    for (int o = 0; o < outer; o++) {
      int i = 0;
      if (op == ReduceOp.SUM) {
        for (; i + 4 <= inner; i += 4) {
          double s0 = 0;
          double s1 = 0;
          double s2 = 0;
          double s3 = 0;
          for (int l = 0, at = o * length * inner + i; l < length; l++, at += inner) {
            s0 += x[at];
            s1 += x[at + 1];
            s2 += x[at + 2];
            s3 += x[at + 3];
          }
          out[o * inner + i] = (float) s0;
          out[o * inner + i + 1] = (float) s1;
          out[o * inner + i + 2] = (float) s2;
          out[o * inner + i + 3] = (float) s3;
        }
      }
      for (; i < inner; i++) {
        double acc = op.identity();
        for (int l = 0, at = o * length * inner + i; l < length; l++, at += inner) {
          acc = op.combine(acc, x[at]);
        }
        out[o * inner + i] = (float) acc;
      }
    }
  }

  /** {@link Backend#argmax}. */
  default void argmax(int outer, int length, int inner, float[] x, int[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * length * inner + i;
        int best = 0;
        double bestValue = x[base];
        for (int l = 1; l < length && !Double.isNaN(bestValue); l++) {
          double v = x[base + l * inner];
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

  /** {@link Backend#softmaxRows}, with the exponentials summed in double. */
  default void softmaxRows(int rows, int n, float[] x, float[] out) {
    for (int r = 0, base = 0; r < rows; r++, base += n) {
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        max = Math.max(max, x[base + j]);
      }
      double sum = 0;
      for (int j = 0; j < n; j++) {
        // Subtracting the row max keeps exp from overflowing, as the chapter's softmax does.
        float e = (float) Math.exp(x[base + j] - max);
        out[base + j] = e;
        sum += e;
      }
      float inverse = (float) (1.0 / sum);
      for (int j = 0; j < n; j++) {
        out[base + j] *= inverse;
      }
    }
  }

  /**
   * {@link Backend#im2col}: row by row of the result, each window row a run of {@code outWidth}
   * pixels, one block copy at stride 1, zeros where it reaches into the padding.
   */
  default void im2col(ConvGeometry g, float[] images, float[] columns) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int h = g.height();
    int w = g.width();
    int s = g.stride();
    int p = g.padding();
    int plane = oh * ow;
    int windows = g.windows();
    for (int c = 0; c < g.channels(); c++) {
      for (int i = 0; i < g.kernelHeight(); i++) {
        for (int j = 0; j < g.kernelWidth(); j++) {
          int row = ((c * g.kernelHeight() + i) * g.kernelWidth() + j) * windows;
          // The window positions x whose pixel x * s + j - p lies inside the image.
          int x0 = Math.min(ow, Math.max(0, -Math.floorDiv(j - p, s)));
          int x1 = Math.max(x0, Math.min(ow, Math.floorDiv(w - 1 + p - j, s) + 1));
          for (int n = 0; n < g.batch(); n++) {
            int image = (n * g.channels() + c) * h * w;
            for (int y = 0; y < oh; y++) {
              int at = row + n * plane + y * ow;
              int yy = y * s + i - p;
              if (yy < 0 || yy >= h) {
                java.util.Arrays.fill(columns, at, at + ow, 0f);
                continue;
              }
              int from = image + yy * w + j - p;
              java.util.Arrays.fill(columns, at, at + x0, 0f);
              if (s == 1) {
                System.arraycopy(images, from + x0, columns, at + x0, x1 - x0);
              } else {
                for (int x = x0; x < x1; x++) {
                  columns[at + x] = images[from + x * s];
                }
              }
              java.util.Arrays.fill(columns, at + x1, at + ow, 0f);
            }
          }
        }
      }
    }
  }

  /**
   * {@link Backend#col2im}: the images zeroed, then each row of the columns added back run by run
   * along the pixels it was copied from, so each pixel sums its terms in the order of the window
   * offsets, in the dtype, not in double as the other sums here (a pixel has at most a window's terms).
   */
  default void col2im(ConvGeometry g, float[] columns, float[] images) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int h = g.height();
    int w = g.width();
    int s = g.stride();
    int p = g.padding();
    int plane = oh * ow;
    int windows = g.windows();
    java.util.Arrays.fill(images, 0, g.imageSize(), 0f);
    for (int c = 0; c < g.channels(); c++) {
      for (int i = 0; i < g.kernelHeight(); i++) {
        for (int j = 0; j < g.kernelWidth(); j++) {
          int row = ((c * g.kernelHeight() + i) * g.kernelWidth() + j) * windows;
          int x0 = Math.min(ow, Math.max(0, -Math.floorDiv(j - p, s)));
          int x1 = Math.max(x0, Math.min(ow, Math.floorDiv(w - 1 + p - j, s) + 1));
          for (int n = 0; n < g.batch(); n++) {
            int image = (n * g.channels() + c) * h * w;
            for (int y = 0; y < oh; y++) {
              int yy = y * s + i - p;
              if (yy < 0 || yy >= h) {
                continue;
              }
              int at = row + n * plane + y * ow;
              int to = image + yy * w + j - p;
              for (int x = x0; x < x1; x++) {
                images[to + x * s] += columns[at + x];
              }
            }
          }
        }
      }
    }
  }

  /**
   * {@link Backend#maxPool}: each window scanned row by row, the window's first maximum kept
   * without a branch on the data (a comparison of random values mispredicts half the time), and a
   * second scan for the first NaN only in a window that has one.
   */
  default void maxPool(ConvGeometry g, float[] images, float[] out, int[] argmax) {
    if (g.kernelHeight() == 2 && g.kernelWidth() == 2 && g.padding() == 0) {
      maxPool2x2(g, images, out, argmax);
      return;
    }
    int oh = g.outHeight();
    int ow = g.outWidth();
    int h = g.height();
    int w = g.width();
    int at = 0;
    for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
      int base = plane * h * w;
      for (int y = 0; y < oh; y++) {
        int top = y * g.stride() - g.padding();
        int rowFrom = Math.max(top, 0);
        int rowTo = Math.min(top + g.kernelHeight(), h);
        for (int x = 0; x < ow; x++, at++) {
          int left = x * g.stride() - g.padding();
          int colFrom = Math.max(left, 0);
          int colTo = Math.min(left + g.kernelWidth(), w);
          int best = base + rowFrom * w + colFrom;
          float bestValue = images[best];
          boolean nan = false;
          for (int row = rowFrom; row < rowTo; row++) {
            for (int i = base + row * w + colFrom, end = base + row * w + colTo; i < end; i++) {
              float v = images[i];
              boolean greater = v > bestValue;
              nan |= v != v;
              bestValue = greater ? v : bestValue;
              best = greater ? i : best;
            }
          }
          if (nan) { // a NaN wins, the first one, as in NumPy's argmax
            search:
            for (int row = rowFrom; row < rowTo; row++) {
              for (int i = base + row * w + colFrom, end = base + row * w + colTo; i < end; i++) {
                if (images[i] != images[i]) {
                  best = i;
                  bestValue = images[i];
                  break search;
                }
              }
            }
          }
          out[at] = bestValue;
          argmax[at] = best;
        }
      }
    }
  }

  /** {@link #maxPool} of 2x2 windows inside the image, the book's pooling: four reads a window, unrolled. */
  private static void maxPool2x2(ConvGeometry g, float[] images, float[] out, int[] argmax) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int w = g.width();
    int s = g.stride();
    int at = 0;
    for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
      int base = plane * g.height() * w;
      for (int y = 0; y < oh; y++) {
        int top = base + y * s * w;
        for (int x = 0; x < ow; x++, at++) {
          maxPoolWindow2x2(images, top + x * s, w, out, argmax, at);
        }
      }
    }
  }

  /**
   * One 2x2 window of {@link Backend#maxPool}, its top-left pixel at {@code i} in images {@code w}
   * pixels wide: {@code out[at]} its first maximum in row order, or its first NaN, and {@code
   * argmax[at]} where that is. The rule every backend's pooling of 2x2 windows follows, also where
   * a vectorized one meets a NaN.
   */
  static void maxPoolWindow2x2(float[] images, int i, int w, float[] out, int[] argmax, int at) {
    int j = i + w;
    float a = images[i];
    float b = images[i + 1];
    float c = images[j];
    float d = images[j + 1];
    int best = i;
    float max = a;
    if (b > max) {
      max = b;
      best = i + 1;
    }
    if (c > max) {
      max = c;
      best = j;
    }
    if (d > max) {
      max = d;
      best = j + 1;
    }
    if (a != a || b != b || c != c || d != d) { // a NaN wins, the first, as in NumPy's argmax
      best = a != a ? i : b != b ? i + 1 : c != c ? j : j + 1;
      max = images[best];
    }
    out[at] = max;
    argmax[at] = best;
  }

  /**
   * {@link Backend#convolve}: none by default (false), so that core composes it from im2col and
   * the product; {@code bias} may be null.
   */
  default boolean convolve(ConvGeometry g, int filters, float[] images, float[] weights,
      float[] bias, float[] out) {
    return false;
  }

  /** {@link Backend#adamStep}: none by default (false), so that core runs the kernels one by one. */
  default boolean adamStep(int n, double firstRate, double secondRate, double epsilon,
      double stepSize, float[] grad, float[] first, float[] second, float[] weights) {
    return false;
  }

  /** {@link Backend#scatterAdd}. */
  default void scatterAdd(int n, float[] src, int[] index, float[] dst) {
    for (int i = 0; i < n; i++) {
      dst[index[i]] += src[i];
    }
  }
}
