package io.nabla.tensor;

import io.nabla.backend.View;
import java.util.Arrays;

/**
 * How the binary kernel walks two operands broadcast to an output's shape: each operand's strides
 * over that shape (0 along a broadcast dimension), with neighbouring dimensions merged wherever
 * every operand steps through them as one, so that the kernel's inner loop runs as long as it can:
 * equal shapes become one run of the whole size, a bias row over a batch becomes [rows, n] with
 * the row's strides [0, 1].
 */
record BroadcastPlan(int[] shape, View a, View b) {

  private static final int[] UNIT = {1};
  private static final View RUN = new View(0, UNIT);
  private static final View REPEAT = new View(0, new int[] {0});
  private static final View ROW = new View(0, new int[] {0, 1});

  /** The plan for {@code a} and {@code b} broadcast to {@code out}'s shape (checked by the caller). */
  static BroadcastPlan of(Tensor a, Tensor b, Tensor out) {
    int n = out.size();
    // The common cases, with no arrays but the shape: equal shapes, and a scalar operand.
    boolean aFull = a.size() == n;
    boolean bFull = b.size() == n;
    if (aFull && bFull) {
      return new BroadcastPlan(new int[] {n}, RUN, RUN);
    }
    if (aFull && b.size() == 1) {
      return new BroadcastPlan(new int[] {n}, RUN, REPEAT);
    }
    if (bFull && a.size() == 1) {
      return new BroadcastPlan(new int[] {n}, REPEAT, RUN);
    }
    int last = out.rank() == 0 ? 1 : out.dim(-1);
    if (aFull && last > 1 && b.size() == last && b.dim(-1) == last) {
      // A row repeated over every row of a, such as a bias over a batch: [rows, last] by [0, 1].
      return new BroadcastPlan(new int[] {n / last, last}, new View(0, new int[] {last, 1}), ROW);
    }
    int[] shape = out.shape();
    int rank = shape.length;
    int[] sa = alignedStrides(a.shape(), rank);
    int[] sb = alignedStrides(b.shape(), rank);
    // Merge dimension d into d + 1 (its inner neighbour) when both operands and the output step
    // through the pair as through one dimension.
    int[] mShape = new int[rank];
    int[] mA = new int[rank];
    int[] mB = new int[rank];
    int m = 0;
    for (int d = 0; d < rank; d++) {
      if (shape[d] == 1) {
        continue; // a dimension of length 1 is never stepped through
      }
      if (m > 0 && mergeable(mA[m - 1], mB[m - 1], shape[d], sa[d], sb[d])) {
        mShape[m - 1] *= shape[d];
        mA[m - 1] = sa[d];
        mB[m - 1] = sb[d];
      } else {
        mShape[m] = shape[d];
        mA[m] = sa[d];
        mB[m] = sb[d];
        m++;
      }
    }
    // m > 0: an output whose every dimension is 1 has one element, and both operands were full.
    return new BroadcastPlan(Arrays.copyOf(mShape, m),
        new View(0, Arrays.copyOf(mA, m)), new View(0, Arrays.copyOf(mB, m)));
  }

  /** An outer dimension (length, strides) and the inner one after it step as one dimension. */
  private static boolean mergeable(int outerA, int outerB, int innerLength, int innerA, int innerB) {
    return outerA == innerA * innerLength && outerB == innerB * innerLength;
  }

  /** A row-major operand's strides over an output of {@code rank} dimensions, 0 where it is broadcast. */
  private static int[] alignedStrides(int[] shape, int rank) {
    int[] strides = new int[rank];
    int offset = rank - shape.length;
    int stride = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i + offset] = shape[i] == 1 ? 0 : stride;
      stride *= shape[i];
    }
    return strides;
  }
}
