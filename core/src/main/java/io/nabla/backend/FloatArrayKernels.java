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

  /** {@link Backend#reduce}: one double accumulator per output, rounded once when stored. */
  default void reduce(ReduceOp op, int outer, int length, int inner, float[] x, float[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
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
   * {@link Backend#im2col}: for each row, the window's pixels of one channel row by row, a block
   * copy where the window row lies inside the image and zeros where it reaches into the padding.
   */
  default void im2col(ConvGeometry g, float[] images, float[] columns) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int kh = g.kernelHeight();
    int kw = g.kernelWidth();
    int h = g.height();
    int w = g.width();
    int plane = h * w;
    int at = 0;
    for (int n = 0; n < g.batch(); n++) {
      int image = n * g.channels() * plane;
      for (int y = 0; y < oh; y++) {
        int top = y * g.stride() - g.padding();
        for (int x = 0; x < ow; x++) {
          int left = x * g.stride() - g.padding();
          for (int c = 0; c < g.channels(); c++) {
            int channel = image + c * plane;
            for (int i = 0; i < kh; i++) {
              int row = top + i;
              if (row < 0 || row >= h) {
                java.util.Arrays.fill(columns, at, at + kw, 0f);
                at += kw;
                continue;
              }
              for (int j = 0; j < kw; j++) {
                int col = left + j;
                columns[at++] = col < 0 || col >= w ? 0f : images[channel + row * w + col];
              }
            }
          }
        }
      }
    }
  }

  /**
   * {@link Backend#col2im}: each pixel gathers, in double, the column elements of the windows that
   * cover it, offset by offset, so that no pass zeroes the images first and each is rounded once.
   */
  default void col2im(ConvGeometry g, float[] columns, float[] images) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int kh = g.kernelHeight();
    int kw = g.kernelWidth();
    int stride = g.stride();
    int size = g.windowSize();
    for (int n = 0; n < g.batch(); n++) {
      for (int c = 0; c < g.channels(); c++) {
        for (int row = 0; row < g.height(); row++) {
          for (int col = 0; col < g.width(); col++) {
            double sum = 0;
            for (int i = 0; i < kh; i++) {
              int down = row + g.padding() - i; // y * stride for the window whose offset i covers row
              if (down < 0 || down % stride != 0 || down / stride >= oh) {
                continue;
              }
              for (int j = 0; j < kw; j++) {
                int across = col + g.padding() - j;
                if (across < 0 || across % stride != 0 || across / stride >= ow) {
                  continue;
                }
                int window = (n * oh + down / stride) * ow + across / stride;
                sum += columns[window * size + (c * kh + i) * kw + j];
              }
            }
            images[((n * g.channels() + c) * g.height() + row) * g.width() + col] = (float) sum;
          }
        }
      }
    }
  }
}
