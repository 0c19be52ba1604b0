// dtype-source: float32 (its float64 twin is generated; see docs/architecture.md)
package io.nabla.backend.pure;

import io.nabla.backend.FloatArrayKernels;

/**
 * The pure backend's float32 kernels: GEMM in plain loops, {@code c = alpha * op(a) . op(b) +
 * beta * c} on row-major arrays, and the default loops of {@link FloatArrayKernels} for the rest.
 *
 * <p>The innermost loop always runs over contiguous memory, so the JIT can vectorize it. For
 * {@code op(b) = b}, each row of c is updated from four rows of b at a time (the i-p-j order,
 * unrolled by eight over p so that c's row is loaded and stored once per eight multiply-adds); for
 * {@code op(b) = b^T}, each element of c is a dot product of two contiguous rows.
 */
final class PureFloatKernels implements FloatArrayKernels {

  @Override
  public void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, float[] b, float beta, float[] c) {
    for (int i = 0; i < m * n; i++) {
      c[i] = beta == 0 ? 0 : beta * c[i];
    }
    // Element (i, p) of op(a) is a[i * rowStride + p * depthStride].
    int rowStride = transA ? 1 : k;
    int depthStride = transA ? m : 1;
    if (transB) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float dot = 0;
          for (int p = 0, ap = i * rowStride, bp = j * k; p < k; p++, ap += depthStride, bp++) {
            dot += a[ap] * b[bp];
          }
          c[i * n + j] += alpha * dot;
        }
      }
      return;
    }
    for (int i = 0; i < m; i++) {
      int cRow = i * n;
      int p = 0;
      // Eight rows of b per pass: one load and store of c's row for eight multiply-adds.
      for (; p + 8 <= k; p += 8) {
        int ap = i * rowStride + p * depthStride;
        float a0 = alpha * a[ap];
        float a1 = alpha * a[ap + depthStride];
        float a2 = alpha * a[ap + 2 * depthStride];
        float a3 = alpha * a[ap + 3 * depthStride];
        float a4 = alpha * a[ap + 4 * depthStride];
        float a5 = alpha * a[ap + 5 * depthStride];
        float a6 = alpha * a[ap + 6 * depthStride];
        float a7 = alpha * a[ap + 7 * depthStride];
        int b0 = p * n;
        for (int j = 0; j < n; j++) {
          int bj = b0 + j;
          c[cRow + j] += a0 * b[bj] + a1 * b[bj + n] + a2 * b[bj + 2 * n] + a3 * b[bj + 3 * n]
              + a4 * b[bj + 4 * n] + a5 * b[bj + 5 * n] + a6 * b[bj + 6 * n] + a7 * b[bj + 7 * n];
        }
      }
      for (; p < k; p++) {
        float a0 = alpha * a[i * rowStride + p * depthStride];
        for (int j = 0, bp = p * n; j < n; j++, bp++) {
          c[cRow + j] += a0 * b[bp];
        }
      }
    }
  }
}
