// dtype-source: float32 (its float64 twin is generated; see docs/architecture.md)
package io.nabla.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link SimdFloatGemm}: each computes {@code tile[r, v * VL + l] = start[r,
 * v * VL + l] + sum over p of a[ap + r * rowStride + p * depthStride] * B[p, v * VL + l]} with one
 * fused multiply-add per element and step of k, in increasing p, starting from the values in
 * {@code start}: zeros at depth 0, the sums over the depths before for a product taken a
 * block of depths at a time (then {@code start} is {@code tile}: the accumulators stored and loaded
 * again unchanged, so both give the same bits). Row p of B is read from {@code
 * b[bp + p * bStride + v * VL + l]} for all vectors but the last, which comes from {@code
 * last[lp + p * lastStride + l]}: the last vector of C's last strip can then come from a padded
 * copy of the columns past the last whole vector while the others are read in place. Kept small and
 * free of C so that C2 compiles each whole, with its accumulators in registers. Written out by
 * hand (a loop over an array of vectors would not stay in registers). {@code SimdDoubleTiles} is
 * generated from this class: edit this one.
 */
final class SimdFloatTiles {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  private SimdFloatTiles() {}

  /** A 6-row by 4-vector tile: 24 accumulators, 4 panel vectors and a broadcast. */
  static void tile6x4(float[] a, int ap, int rowStride, int depthStride, int k,
      float[] b, int bp, int bStride, float[] last, int lp, int lastStride, float[] start, float[] tile) {
    FloatVector c00 = FloatVector.fromArray(S, start, 0);
    FloatVector c01 = FloatVector.fromArray(S, start, VL);
    FloatVector c02 = FloatVector.fromArray(S, start, 2 * VL);
    FloatVector c03 = FloatVector.fromArray(S, start, 3 * VL);
    FloatVector c10 = FloatVector.fromArray(S, start, 4 * VL);
    FloatVector c11 = FloatVector.fromArray(S, start, 5 * VL);
    FloatVector c12 = FloatVector.fromArray(S, start, 6 * VL);
    FloatVector c13 = FloatVector.fromArray(S, start, 7 * VL);
    FloatVector c20 = FloatVector.fromArray(S, start, 8 * VL);
    FloatVector c21 = FloatVector.fromArray(S, start, 9 * VL);
    FloatVector c22 = FloatVector.fromArray(S, start, 10 * VL);
    FloatVector c23 = FloatVector.fromArray(S, start, 11 * VL);
    FloatVector c30 = FloatVector.fromArray(S, start, 12 * VL);
    FloatVector c31 = FloatVector.fromArray(S, start, 13 * VL);
    FloatVector c32 = FloatVector.fromArray(S, start, 14 * VL);
    FloatVector c33 = FloatVector.fromArray(S, start, 15 * VL);
    FloatVector c40 = FloatVector.fromArray(S, start, 16 * VL);
    FloatVector c41 = FloatVector.fromArray(S, start, 17 * VL);
    FloatVector c42 = FloatVector.fromArray(S, start, 18 * VL);
    FloatVector c43 = FloatVector.fromArray(S, start, 19 * VL);
    FloatVector c50 = FloatVector.fromArray(S, start, 20 * VL);
    FloatVector c51 = FloatVector.fromArray(S, start, 21 * VL);
    FloatVector c52 = FloatVector.fromArray(S, start, 22 * VL);
    FloatVector c53 = FloatVector.fromArray(S, start, 23 * VL);
    for (int p = 0; p < k; p++, ap += depthStride, bp += bStride, lp += lastStride) {
      FloatVector b0 = FloatVector.fromArray(S, b, bp);
      FloatVector b1 = FloatVector.fromArray(S, b, bp + VL);
      FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * VL);
      FloatVector b3 = FloatVector.fromArray(S, last, lp);
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
      x = FloatVector.broadcast(S, a[ap + 4 * rowStride]);
      c40 = b0.fma(x, c40);
      c41 = b1.fma(x, c41);
      c42 = b2.fma(x, c42);
      c43 = b3.fma(x, c43);
      x = FloatVector.broadcast(S, a[ap + 5 * rowStride]);
      c50 = b0.fma(x, c50);
      c51 = b1.fma(x, c51);
      c52 = b2.fma(x, c52);
      c53 = b3.fma(x, c53);
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
    c40.intoArray(tile, 16 * VL);
    c41.intoArray(tile, 17 * VL);
    c42.intoArray(tile, 18 * VL);
    c43.intoArray(tile, 19 * VL);
    c50.intoArray(tile, 20 * VL);
    c51.intoArray(tile, 21 * VL);
    c52.intoArray(tile, 22 * VL);
    c53.intoArray(tile, 23 * VL);
  }

  /** A 6-row by 2-vector tile: 12 accumulators, 2 panel vectors and a broadcast. */
  static void tile6x2(float[] a, int ap, int rowStride, int depthStride, int k,
      float[] b, int bp, int bStride, float[] last, int lp, int lastStride, float[] start, float[] tile) {
    FloatVector c00 = FloatVector.fromArray(S, start, 0);
    FloatVector c01 = FloatVector.fromArray(S, start, VL);
    FloatVector c10 = FloatVector.fromArray(S, start, 2 * VL);
    FloatVector c11 = FloatVector.fromArray(S, start, 3 * VL);
    FloatVector c20 = FloatVector.fromArray(S, start, 4 * VL);
    FloatVector c21 = FloatVector.fromArray(S, start, 5 * VL);
    FloatVector c30 = FloatVector.fromArray(S, start, 6 * VL);
    FloatVector c31 = FloatVector.fromArray(S, start, 7 * VL);
    FloatVector c40 = FloatVector.fromArray(S, start, 8 * VL);
    FloatVector c41 = FloatVector.fromArray(S, start, 9 * VL);
    FloatVector c50 = FloatVector.fromArray(S, start, 10 * VL);
    FloatVector c51 = FloatVector.fromArray(S, start, 11 * VL);
    for (int p = 0; p < k; p++, ap += depthStride, bp += bStride, lp += lastStride) {
      FloatVector b0 = FloatVector.fromArray(S, b, bp);
      FloatVector b1 = FloatVector.fromArray(S, last, lp);
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      x = FloatVector.broadcast(S, a[ap + rowStride]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      x = FloatVector.broadcast(S, a[ap + 2 * rowStride]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      x = FloatVector.broadcast(S, a[ap + 3 * rowStride]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      x = FloatVector.broadcast(S, a[ap + 4 * rowStride]);
      c40 = b0.fma(x, c40);
      c41 = b1.fma(x, c41);
      x = FloatVector.broadcast(S, a[ap + 5 * rowStride]);
      c50 = b0.fma(x, c50);
      c51 = b1.fma(x, c51);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, VL);
    c10.intoArray(tile, 2 * VL);
    c11.intoArray(tile, 3 * VL);
    c20.intoArray(tile, 4 * VL);
    c21.intoArray(tile, 5 * VL);
    c30.intoArray(tile, 6 * VL);
    c31.intoArray(tile, 7 * VL);
    c40.intoArray(tile, 8 * VL);
    c41.intoArray(tile, 9 * VL);
    c50.intoArray(tile, 10 * VL);
    c51.intoArray(tile, 11 * VL);
  }

  /** A 6-row by 1-vector tile: 6 accumulators, 1 panel vector and a broadcast. */
  static void tile6x1(float[] a, int ap, int rowStride, int depthStride, int k,
      float[] last, int lp, int lastStride, float[] start, float[] tile) {
    FloatVector c00 = FloatVector.fromArray(S, start, 0);
    FloatVector c10 = FloatVector.fromArray(S, start, VL);
    FloatVector c20 = FloatVector.fromArray(S, start, 2 * VL);
    FloatVector c30 = FloatVector.fromArray(S, start, 3 * VL);
    FloatVector c40 = FloatVector.fromArray(S, start, 4 * VL);
    FloatVector c50 = FloatVector.fromArray(S, start, 5 * VL);
    for (int p = 0; p < k; p++, ap += depthStride, lp += lastStride) {
      FloatVector b0 = FloatVector.fromArray(S, last, lp);
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      c00 = b0.fma(x, c00);
      x = FloatVector.broadcast(S, a[ap + rowStride]);
      c10 = b0.fma(x, c10);
      x = FloatVector.broadcast(S, a[ap + 2 * rowStride]);
      c20 = b0.fma(x, c20);
      x = FloatVector.broadcast(S, a[ap + 3 * rowStride]);
      c30 = b0.fma(x, c30);
      x = FloatVector.broadcast(S, a[ap + 4 * rowStride]);
      c40 = b0.fma(x, c40);
      x = FloatVector.broadcast(S, a[ap + 5 * rowStride]);
      c50 = b0.fma(x, c50);
    }
    c00.intoArray(tile, 0);
    c10.intoArray(tile, VL);
    c20.intoArray(tile, 2 * VL);
    c30.intoArray(tile, 3 * VL);
    c40.intoArray(tile, 4 * VL);
    c50.intoArray(tile, 5 * VL);
  }

}
