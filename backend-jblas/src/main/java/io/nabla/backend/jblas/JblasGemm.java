package io.nabla.backend.jblas;

import org.jblas.NativeBlas;

/**
 * Row-major GEMM through jblas's column-major BLAS, without copying on the Java side: a
 * row-major matrix is the column-major storage of its transpose, so {@code C = op(A) op(B)} is
 * computed as the column-major {@code C^T = op(B)^T op(A)^T}, operands swapped.
 *
 * <p>Products are never split over threads. jblas 1.2.5's JNI layer works on copies of whole
 * arrays and copies them back, so two concurrent calls writing different row blocks of one
 * array overwrite each other: measured here, 32 of 50 split products came back wrong, while
 * concurrent products into different arrays were exact in 200 of 200. The copies also make a
 * large call memory-bound (high system time), which bounds what threads could add anyway.
 */
final class JblasGemm {

  private JblasGemm() {}

  static void gemm(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, float[] b, float beta, float[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      for (int i = 0; i < c.length; i++) {
        c[i] = beta == 0 ? 0 : beta * c[i];
      }
      return;
    }
    NativeBlas.sgemm(transB ? 'T' : 'N', transA ? 'T' : 'N', n, m, k, alpha,
        b, 0, transB ? k : n, a, 0, transA ? m : k, beta, c, 0, n);
  }

  static void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, double[] a, double[] b, double beta, double[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      for (int i = 0; i < c.length; i++) {
        c[i] = beta == 0 ? 0 : beta * c[i];
      }
      return;
    }
    NativeBlas.dgemm(transB ? 'T' : 'N', transA ? 'T' : 'N', n, m, k, alpha,
        b, 0, transB ? k : n, a, 0, transA ? m : k, beta, c, 0, n);
  }
}
