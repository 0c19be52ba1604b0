package io.nabla.backend.jblas;

import io.nabla.backend.Parallelism;
import org.jblas.NativeBlas;

/**
 * Row-major GEMM through jblas's column-major BLAS, without copying: a row-major matrix is the
 * column-major storage of its transpose, so {@code C = op(A) op(B)} is computed as the
 * column-major {@code C^T = op(B)^T op(A)^T}, operands swapped. Large products are split into
 * blocks of rows of C, one BLAS call each, over the shared threads.
 */
final class JblasGemm {

  /**
   * Below this many multiply-adds (m * n * k) a product runs on one thread: splitting costs more
   * than it saves. Measured on the MNIST shapes; see the module's benchmark notes.
   */
  static final long PARALLEL_THRESHOLD = 1L << 18;

  /** A part should have at least this many rows of C. */
  private static final int MIN_ROWS_PER_PART = 8;

  private JblasGemm() {}

  static void gemm(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, float[] b, float beta, float[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      scale(beta, c);
      return;
    }
    int parts = (long) m * n * k < PARALLEL_THRESHOLD ? 1 : Parallelism.partsFor(m, MIN_ROWS_PER_PART);
    Parallelism.forEachPart(parts, part -> {
      int from = (int) ((long) m * part / parts);
      int rows = (int) ((long) m * (part + 1) / parts) - from;
      // Rows [from, from + rows) of op(A): row offset from*k, or column offset from when transposed.
      int aOffset = transA ? from : from * k;
      NativeBlas.sgemm(transB ? 'T' : 'N', transA ? 'T' : 'N', n, rows, k, alpha,
          b, 0, transB ? k : n, a, aOffset, transA ? m : k, beta, c, from * n, n);
    });
  }

  static void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, double[] a, double[] b, double beta, double[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      scale(beta, c);
      return;
    }
    int parts = (long) m * n * k < PARALLEL_THRESHOLD ? 1 : Parallelism.partsFor(m, MIN_ROWS_PER_PART);
    Parallelism.forEachPart(parts, part -> {
      int from = (int) ((long) m * part / parts);
      int rows = (int) ((long) m * (part + 1) / parts) - from;
      int aOffset = transA ? from : from * k;
      NativeBlas.dgemm(transB ? 'T' : 'N', transA ? 'T' : 'N', n, rows, k, alpha,
          b, 0, transB ? k : n, a, aOffset, transA ? m : k, beta, c, from * n, n);
    });
  }

  /** {@code c *= beta} for an empty inner dimension; beta 0 clears c, NaN included. */
  private static void scale(float beta, float[] c) {
    for (int i = 0; i < c.length; i++) {
      c[i] = beta == 0f ? 0f : beta * c[i];
    }
  }

  private static void scale(double beta, double[] c) {
    for (int i = 0; i < c.length; i++) {
      c[i] = beta == 0 ? 0 : beta * c[i];
    }
  }
}
