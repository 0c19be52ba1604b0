package io.nabla.backend.pure;

/**
 * GEMM in plain loops: {@code c = alpha * op(a) . op(b) + beta * c} on row-major arrays.
 *
 * <p>Loop order keeps the innermost loop on contiguous memory: for {@code op(b) = b} it is the
 * i-p-j order (a row of c updated from a row of b, which the JIT vectorizes); for {@code op(b) =
 * b^T} each element of c is a dot product of two contiguous rows.
 */
final class PureGemm {

  private PureGemm() {}

  static void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, float[] b, float beta, float[] c) {
    scaleOutput(beta, c, m * n);
    if (!transB) {
      for (int i = 0; i < m; i++) {
        int cRow = i * n;
        for (int p = 0; p < k; p++) {
          float aip = alpha * (transA ? a[p * m + i] : a[i * k + p]);
          int bRow = p * n;
          for (int j = 0; j < n; j++) {
            c[cRow + j] += aip * b[bRow + j];
          }
        }
      }
    } else {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float dot = 0f;
          int bRow = j * k;
          for (int p = 0; p < k; p++) {
            dot += (transA ? a[p * m + i] : a[i * k + p]) * b[bRow + p];
          }
          c[i * n + j] += alpha * dot;
        }
      }
    }
  }

  static void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      double alpha, double[] a, double[] b, double beta, double[] c) {
    scaleOutput(beta, c, m * n);
    if (!transB) {
      for (int i = 0; i < m; i++) {
        int cRow = i * n;
        for (int p = 0; p < k; p++) {
          double aip = alpha * (transA ? a[p * m + i] : a[i * k + p]);
          int bRow = p * n;
          for (int j = 0; j < n; j++) {
            c[cRow + j] += aip * b[bRow + j];
          }
        }
      }
    } else {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double dot = 0;
          int bRow = j * k;
          for (int p = 0; p < k; p++) {
            dot += (transA ? a[p * m + i] : a[i * k + p]) * b[bRow + p];
          }
          c[i * n + j] += alpha * dot;
        }
      }
    }
  }

  /** {@code c *= beta}, where beta 0 clears c outright so that NaN in the old c is ignored. */
  private static void scaleOutput(float beta, float[] c, int length) {
    for (int i = 0; i < length; i++) {
      c[i] = beta == 0f ? 0f : beta * c[i];
    }
  }

  private static void scaleOutput(double beta, double[] c, int length) {
    for (int i = 0; i < length; i++) {
      c[i] = beta == 0 ? 0 : beta * c[i];
    }
  }
}
