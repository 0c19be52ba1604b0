// dtype-source: float32 (its float64 twin is generated; see docs/architecture.md)
package io.nabla.backend.jblas;

import io.nabla.backend.FloatArrayKernels;
import org.jblas.NativeBlas;

/**
 * The jblas backend's float32 kernels: the default loops of {@link FloatArrayKernels}, and
 * row-major GEMM through jblas's column-major BLAS, without copying on the Java side: a
 * row-major matrix is the column-major storage of its transpose, so {@code C = op(A) op(B)} is
 * computed as the column-major {@code C^T = op(B)^T op(A)^T}, operands swapped.
 *
 * <p>One native call at a time, under {@link NativeBlasLock}, and products are never split over
 * threads. jblas 1.2.5's JNI layer works on copies of whole arrays and copies them back, so two
 * concurrent calls writing different row blocks of one array overwrite each other (32 of 50 split
 * products came back wrong here); and its bundled BLAS is not safe for concurrent calls even on
 * separate arrays: two float64 trainings on two threads diverged from their sequential runs at
 * step 103 ({@code CrossBackendTrainingTest}). The copies also make a large call memory-bound,
 * which bounds what threads could add anyway.
 */
final class JblasFloatKernels implements FloatArrayKernels {

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
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
    synchronized (NativeBlasLock.LOCK) {
      NativeBlas.sgemm(transB ? 'T' : 'N', transA ? 'T' : 'N', n, m, k, alpha,
          b, 0, transB ? k : n, a, 0, transA ? m : k, beta, c, 0, n);
    }
  }
}
