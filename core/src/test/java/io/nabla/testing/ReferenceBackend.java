package io.nabla.testing;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.ConvGeometry;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.Storage;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.backend.View;

/**
 * The simplest possible backend, for tests only: each kernel is its formula from {@link Backend}'s
 * Javadoc written element by element in double precision through {@link Storage#get}/{@link
 * Storage#set}, with no attention to speed. It is the oracle of the conformance suite and the
 * backend of core's own tests (registered only in core's test resources, never shipped in the
 * test-jar's services). Its memory is the default heap storage.
 */
public final class ReferenceBackend implements Backend {

  /** The name of this backend. */
  public static final String NAME = "reference";

  /**
   * The instance the conformance suite computes its expected values on. Tensors of two backend
   * instances never meet in one operation, so every oracle computation uses this one.
   */
  public static final ReferenceBackend ORACLE = new ReferenceBackend();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public Availability availability() {
    return Availability.yes();
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, Storage a, Storage b, double beta, Storage c) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int p = 0; p < k; p++) {
          // a is stored [m, k], or [k, m] when transposed; b is [k, n], or [n, k].
          double aip = transA ? a.get(p * m + i) : a.get(i * k + p);
          double bpj = transB ? b.get(j * k + p) : b.get(p * n + j);
          dot += aip * bpj;
        }
        // beta == 0 ignores the old value, even NaN, as BLAS does.
        double old = beta == 0 ? 0 : beta * c.get(i * n + j);
        c.set(i * n + j, alpha * dot + old);
      }
    }
  }

  @Override
  public void axpy(int n, double alpha, Storage x, Storage y) {
    for (int i = 0; i < n; i++) {
      y.set(i, alpha * x.get(i) + y.get(i));
    }
  }

  @Override
  public void fill(int n, Storage x, double value) {
    for (int i = 0; i < n; i++) {
      x.set(i, value);
    }
  }

  @Override
  public void map(UnaryOp op, int n, Storage x, Storage out) {
    for (int i = 0; i < n; i++) {
      out.set(i, op.apply(x.get(i)));
    }
  }

  @Override
  public void binary(BinaryOp op, int[] shape, Storage a, View av, Storage b, View bv, Storage out) {
    int total = size(shape);
    for (int flat = 0; flat < total; flat++) {
      // out is contiguous over shape, so the element's row-major position is its place in out.
      out.set(flat, op.apply(a.get(position(shape, flat, av, null)), b.get(position(shape, flat, bv, null))));
    }
  }

  @Override
  public void binaryScalar(BinaryOp op, int n, Storage a, double scalar, Storage out) {
    for (int i = 0; i < n; i++) {
      out.set(i, op.apply(a.get(i), scalar));
    }
  }

  @Override
  public void ternary(TernaryOp op, int n, Storage a, Storage b, Storage c, Storage out) {
    for (int i = 0; i < n; i++) {
      out.set(i, op.apply(a.get(i), b.get(i), c.get(i)));
    }
  }

  @Override
  public void copy(int[] shape, Storage src, View view, int[] rows, Storage dst, int dstOffset) {
    int total = size(shape);
    for (int flat = 0; flat < total; flat++) {
      dst.set(dstOffset + flat, src.get(position(shape, flat, view, rows)));
    }
  }

  @Override
  public void reduce(ReduceOp op, int outer, int length, int inner, Storage x, Storage out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double acc = op.identity();
        for (int l = 0; l < length; l++) {
          acc = op.combine(acc, x.get((o * length + l) * inner + i));
        }
        out.set(o * inner + i, acc);
      }
    }
  }

  @Override
  public void argmax(int outer, int length, int inner, Storage x, int[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = 0;
        for (int l = 1; l < length; l++) {
          double v = x.get((o * length + l) * inner + i);
          double b = x.get((o * length + best) * inner + i);
          // Strictly greater keeps the first of ties; the first NaN wins and stays, as in NumPy.
          if (!Double.isNaN(b) && (v > b || Double.isNaN(v))) {
            best = l;
          }
        }
        out[o * inner + i] = best;
      }
    }
  }

  @Override
  public void softmaxRows(int rows, int n, Storage x, Storage out) {
    double[] row = new double[n];
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        row[j] = x.get(r * n + j);
        max = Math.max(max, row[j]);
      }
      double total = 0;
      for (int j = 0; j < n; j++) {
        total += Math.exp(row[j] - max);
      }
      for (int j = 0; j < n; j++) {
        out.set(r * n + j, Math.exp(row[j] - max) / total);
      }
    }
  }

  @Override
  public void im2col(ConvGeometry g, Storage images, Storage columns) {
    int row = 0;
    for (int n = 0; n < g.batch(); n++) {
      for (int oh = 0; oh < g.outHeight(); oh++) {
        for (int ow = 0; ow < g.outWidth(); ow++, row++) {
          int col = 0;
          for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelHeight(); i++) {
              for (int j = 0; j < g.kernelWidth(); j++, col++) {
                int pixel = pixel(g, n, c, oh * g.stride() + i - g.padding(), ow * g.stride() + j - g.padding());
                columns.set(col * g.windows() + row, pixel < 0 ? 0 : images.get(pixel));
              }
            }
          }
        }
      }
    }
  }

  /** The definition's other reading: each column element added to the pixel it was copied from. */
  @Override
  public void col2im(ConvGeometry g, Storage columns, Storage images) {
    double[] sums = new double[g.imageSize()];
    int row = 0;
    for (int n = 0; n < g.batch(); n++) {
      for (int oh = 0; oh < g.outHeight(); oh++) {
        for (int ow = 0; ow < g.outWidth(); ow++, row++) {
          int col = 0;
          for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelHeight(); i++) {
              for (int j = 0; j < g.kernelWidth(); j++, col++) {
                int pixel = pixel(g, n, c, oh * g.stride() + i - g.padding(), ow * g.stride() + j - g.padding());
                if (pixel >= 0) {
                  sums[pixel] += columns.get(col * g.windows() + row);
                }
              }
            }
          }
        }
      }
    }
    for (int p = 0; p < sums.length; p++) {
      images.set(p, sums[p]);
    }
  }

  /** The definition: every window's elements in row order, the first largest (or first NaN) kept. */
  @Override
  public void maxPool(ConvGeometry g, Storage images, Storage out, int[] argmax) {
    int at = 0;
    for (int n = 0; n < g.batch(); n++) {
      for (int c = 0; c < g.channels(); c++) {
        for (int oh = 0; oh < g.outHeight(); oh++) {
          for (int ow = 0; ow < g.outWidth(); ow++, at++) {
            int best = -1;
            for (int i = 0; i < g.kernelHeight(); i++) {
              for (int j = 0; j < g.kernelWidth(); j++) {
                int pixel = pixel(g, n, c, oh * g.stride() + i - g.padding(), ow * g.stride() + j - g.padding());
                if (pixel < 0) {
                  continue;
                }
                double v = images.get(pixel);
                boolean bestIsNaN = best >= 0 && Double.isNaN(images.get(best));
                if (best < 0 || !bestIsNaN && (Double.isNaN(v) || v > images.get(best))) {
                  best = pixel;
                }
              }
            }
            out.set(at, images.get(best));
            argmax[at] = best;
          }
        }
      }
    }
  }

  @Override
  public void scatterAdd(int n, Storage src, int[] index, Storage dst) {
    for (int i = 0; i < n; i++) {
      dst.set(index[i], dst.get(index[i]) + src.get(i));
    }
  }

  /** The flat index of pixel (y, x) of channel c of image n, or -1 if it lies in the padding. */
  private static int pixel(ConvGeometry g, int n, int c, int y, int x) {
    if (y < 0 || y >= g.height() || x < 0 || x >= g.width()) {
      return -1;
    }
    return ((n * g.channels() + c) * g.height() + y) * g.width() + x;
  }

  /** The number of indices of {@code shape}: 1 for a scalar, 0 if any dimension is 0. */
  static int size(int[] shape) {
    int total = 1;
    for (int d : shape) {
      total *= d;
    }
    return total;
  }

  /**
   * Where {@code view} reads the element at row-major position {@code flat} of {@code shape}:
   * {@code offset + sum_d i_d * strides[d]}, with {@code i0} replaced by {@code rows[i0]} when
   * {@code rows} is not null (a gather).
   */
  static int position(int[] shape, int flat, View view, int[] rows) {
    int at = view.offset();
    int rest = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      int index = rest % shape[d];
      rest /= shape[d];
      if (d == 0 && rows != null) {
        index = rows[index];
      }
      at += index * view.strides()[d];
    }
    return at;
  }
}
