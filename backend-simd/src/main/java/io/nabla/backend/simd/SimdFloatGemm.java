package io.nabla.backend.simd;

import io.nabla.backend.Parallelism;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 GEMM on the Vector API: {@code c = alpha * op(a) . op(b) + beta * c}, row-major.
 *
 * <p>{@code alpha * op(b)} is first packed into a [k, np] panel whose width np is n rounded up
 * to whole vectors, zero-padded, so the inner loops never need a mask. Each tile of C, 4 rows by
 * 4 vectors (16 accumulators held in registers), is then computed by k broadcast-FMA steps and
 * merged into C; the padded lanes of the last vector are computed and dropped in that merge (the
 * only place that deals with the width's remainder). Rows of C are split over the shared threads for
 * large products. {@code SimdDoubleGemm} is the float64 twin of this class: keep them in step.
 */
final class SimdFloatGemm {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();
  private static final int TILE_ROWS = 4;
  private static final int TILE_VECTORS = 4;

  /**
   * Below this many multiply-adds (m n k) a product stays on one thread. Measured on the 2-core
   * AVX-512 machine, JDK 25, float32: the MNIST step's products (about 2^22) ran slower on two
   * threads (100x784x50: 68 vs 49 GFLOP/s), 128^3 (2^21) broke even, 256^3 (2^24) gained 1.65x.
   */
  static final long PARALLEL_THRESHOLD = 1L << 23;

  private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<float[]> TILE =
      ThreadLocal.withInitial(() -> new float[TILE_ROWS * TILE_VECTORS * VL]);

  private SimdFloatGemm() {}

  static void gemm(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, float[] b, float beta, float[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      for (int i = 0; i < m * n; i++) {
        c[i] = beta == 0 ? 0 : beta * c[i];
      }
      return;
    }
    int np = (n + VL - 1) / VL * VL;
    float[] panel = pack(transB, n, k, np, alpha, b);
    // Element (i, p) of op(a) is a[i * rowStride + p * depthStride].
    int rowStride = transA ? 1 : k;
    int depthStride = transA ? m : 1;
    int blocks = (m + TILE_ROWS - 1) / TILE_ROWS;
    int parts = (long) m * n * k < PARALLEL_THRESHOLD ? 1 : Parallelism.partsFor(blocks, 2);
    Parallelism.forEachPart(parts, part -> {
      int from = (int) ((long) blocks * part / parts) * TILE_ROWS;
      int to = Math.min(m, (int) ((long) blocks * (part + 1) / parts) * TILE_ROWS);
      multiplyRows(from, to, n, k, np, a, rowStride, depthStride, panel, beta, c);
    });
  }

  /** {@code alpha * op(b)} as a zero-padded [k, np] row-major panel, reused per thread. */
  private static float[] pack(boolean transB, int n, int k, int np, float alpha, float[] b) {
    float[] panel = PANEL.get();
    if (panel.length < k * np) {
      panel = new float[k * np];
      PANEL.set(panel);
    }
    for (int p = 0; p < k; p++) {
      int row = p * np;
      if (transB) {
        for (int j = 0; j < n; j++) {
          panel[row + j] = alpha * b[j * k + p];
        }
      } else {
        int src = p * n;
        for (int j = 0; j < n; j++) {
          panel[row + j] = alpha * b[src + j];
        }
      }
      for (int j = n; j < np; j++) {
        panel[row + j] = 0;
      }
    }
    return panel;
  }

  private static void multiplyRows(int from, int to, int n, int k, int np, float[] a,
      int rowStride, int depthStride, float[] panel, float beta, float[] c) {
    // Tiles land in this scratch block first, so the register-heavy tile methods stay small
    // enough for C2 to compile them whole (a tile that also merged into C was split by the
    // inliner, and the Vector API then boxed every vector of the inner loop).
    float[] tile = TILE.get();
    int i = from;
    for (; i + TILE_ROWS <= to; i += TILE_ROWS) {
      int j = 0;
      for (; j + TILE_VECTORS * VL <= np; j += TILE_VECTORS * VL) {
        tile4x4(i * rowStride, j, k, np, a, rowStride, depthStride, panel, tile);
        writeBack(tile, TILE_ROWS, TILE_VECTORS * VL, i, j, n, beta, c);
      }
      for (; j < np; j += VL) {
        tile4x1(i * rowStride, j, k, np, a, rowStride, depthStride, panel, tile);
        writeBack(tile, TILE_ROWS, VL, i, j, n, beta, c);
      }
    }
    for (; i < to; i++) {
      for (int j = 0; j < np; j += VL) {
        tile1x1(i * rowStride, j, k, np, a, depthStride, panel, tile);
        writeBack(tile, 1, VL, i, j, n, beta, c);
      }
    }
  }

  /** A 4-row by 4-vector tile of {@code op(a) . panel} into {@code tile} [4, 4 * VL]. */
  private static void tile4x4(int ap, int j, int k, int np, float[] a,
      int rowStride, int depthStride, float[] panel, float[] tile) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
    FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
    FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
    FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
    int bp = j;
    for (int p = 0; p < k; p++, ap += depthStride, bp += np) {
      FloatVector b0 = FloatVector.fromArray(S, panel, bp);
      FloatVector b1 = FloatVector.fromArray(S, panel, bp + VL);
      FloatVector b2 = FloatVector.fromArray(S, panel, bp + 2 * VL);
      FloatVector b3 = FloatVector.fromArray(S, panel, bp + 3 * VL);
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      c02 = b2.fma(x, c02);
      c03 = b3.fma(x, c03);
      x = FloatVector.broadcast(S, a[ap + rowStride]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      c12 = b2.fma(x, c12);
      c13 = b3.fma(x, c13);
      x = FloatVector.broadcast(S, a[ap + 2 * rowStride]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      c22 = b2.fma(x, c22);
      c23 = b3.fma(x, c23);
      x = FloatVector.broadcast(S, a[ap + 3 * rowStride]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      c32 = b2.fma(x, c32);
      c33 = b3.fma(x, c33);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, VL);
    c02.intoArray(tile, 2 * VL);
    c03.intoArray(tile, 3 * VL);
    c10.intoArray(tile, 4 * VL);
    c11.intoArray(tile, 5 * VL);
    c12.intoArray(tile, 6 * VL);
    c13.intoArray(tile, 7 * VL);
    c20.intoArray(tile, 8 * VL);
    c21.intoArray(tile, 9 * VL);
    c22.intoArray(tile, 10 * VL);
    c23.intoArray(tile, 11 * VL);
    c30.intoArray(tile, 12 * VL);
    c31.intoArray(tile, 13 * VL);
    c32.intoArray(tile, 14 * VL);
    c33.intoArray(tile, 15 * VL);
  }

  /** A 4-row by 1-vector tile into {@code tile} [4, VL]. */
  private static void tile4x1(int ap, int j, int k, int np, float[] a,
      int rowStride, int depthStride, float[] panel, float[] tile) {
    FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
    int bp = j;
    for (int p = 0; p < k; p++, ap += depthStride, bp += np) {
      FloatVector b0 = FloatVector.fromArray(S, panel, bp);
      c0 = b0.fma(FloatVector.broadcast(S, a[ap]), c0);
      c1 = b0.fma(FloatVector.broadcast(S, a[ap + rowStride]), c1);
      c2 = b0.fma(FloatVector.broadcast(S, a[ap + 2 * rowStride]), c2);
      c3 = b0.fma(FloatVector.broadcast(S, a[ap + 3 * rowStride]), c3);
    }
    c0.intoArray(tile, 0);
    c1.intoArray(tile, VL);
    c2.intoArray(tile, 2 * VL);
    c3.intoArray(tile, 3 * VL);
  }

  /** A 1-row by 1-vector tile into {@code tile} [1, VL]. */
  private static void tile1x1(int ap, int j, int k, int np, float[] a,
      int depthStride, float[] panel, float[] tile) {
    FloatVector acc = FloatVector.zero(S);
    int bp = j;
    for (int p = 0; p < k; p++, ap += depthStride, bp += np) {
      acc = FloatVector.fromArray(S, panel, bp).fma(FloatVector.broadcast(S, a[ap]), acc);
    }
    acc.intoArray(tile, 0);
  }

  /**
   * {@code c[i + r, j + l] = tile[r, l] + beta * c[i + r, j + l]} for the tile's rows and the
   * columns below n: the padded lanes past n are dropped here, the only place that sees them.
   */
  private static void writeBack(
      float[] tile, int rows, int width, int i, int j, int n, float beta, float[] c) {
    int cols = Math.min(width, n - j);
    int whole = cols / VL * VL;
    for (int r = 0; r < rows; r++) {
      int at = (i + r) * n + j;
      int from = r * width;
      int l = 0;
      for (; l < whole; l += VL) {
        FloatVector v = FloatVector.fromArray(S, tile, from + l);
        if (beta != 0) {
          v = FloatVector.fromArray(S, c, at + l).fma(FloatVector.broadcast(S, beta), v);
        }
        v.intoArray(c, at + l);
      }
      for (; l < cols; l++) {
        c[at + l] = beta == 0 ? tile[from + l] : Math.fma(beta, c[at + l], tile[from + l]);
      }
    }
  }
}
