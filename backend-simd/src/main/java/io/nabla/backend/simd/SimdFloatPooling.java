// dtype-source: float32 (its float64 twin is generated; see docs/architecture.md)
package io.nabla.backend.simd;

import io.nabla.backend.ConvGeometry;
import io.nabla.backend.FloatArrayKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling over 2x2 windows without padding (the book's pooling, at any stride) a vector of
 * windows at a time. A pooled plane is often narrower than a vector (12 windows a row in
 * SimpleConvNet, 14, 8 and 4 in DeepConvNet), so the windows are taken in their output order
 * across rows and planes: a table holds the top-left pixel of every window of as many planes as
 * make a whole number of vectors, each of a window's four pixels is gathered through it, and the
 * maximum and its position are chosen by compares and blends, without a branch on the data (the
 * plain loop's branches mispredict on random values: measured, 20 % of SimpleConvNet's training
 * step). A vector of windows that holds a NaN goes through the plain rule instead, so the result
 * is {@link io.nabla.backend.Backend#maxPool}'s to the bit: the first maximum in row order, or
 * the first NaN. The float64 version, {@code SimdDoublePooling}, is generated from this file.
 */
final class SimdFloatPooling {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  /** The largest table of window corners: planes whose windows need a longer one take the plain loop. */
  private static final int MAX_CORNERS = 1 << 16;

  private SimdFloatPooling() {}

  /**
   * Pools as {@link io.nabla.backend.Backend#maxPool} does, if {@code g} has 2x2 windows, no
   * padding and images under 2^24 pixels wide; returns whether it did (if not, nothing is written).
   * The position of each maximum is chosen in the element lanes, as its offset from the window's
   * top-left pixel (0, 1, width or width + 1: exact in float32), and added to that pixel's index
   * lane by lane: with int lanes beside them, JDK 17's C2 boxed vectors inside the training step
   * (3.2 ms a step, 1.6 on JDK 25).
   */
  static boolean maxPool2x2(ConvGeometry g, float[] images, float[] out, int[] argmax) {
    int perPlane = g.outHeight() * g.outWidth();
    int planes = g.batch() * g.channels();
    if (g.kernelHeight() != 2 || g.kernelWidth() != 2 || g.padding() != 0 || perPlane == 0
        || planes == 0 || g.width() >= 1 << 24) {
      return false;
    }
    int planesPerRun = VL / gcd(perPlane, VL);
    if ((long) perPlane * planesPerRun > MAX_CORNERS || planes < planesPerRun) {
      return false; // a table too long, or not one whole run of planes to read through it
    }
    int w = g.width();
    int planeSize = g.height() * w;
    int[] corners = corners(g, planesPerRun);
    int run = corners.length; // windows of planesPerRun planes: a whole number of vectors
    // Where each of the window's other pixels lies from its top-left one.
    FloatVector right = FloatVector.broadcast(S, 1f);
    FloatVector below = FloatVector.broadcast(S, (float) w);
    FloatVector diagonal = FloatVector.broadcast(S, (float) (w + 1));
    FloatVector none = FloatVector.zero(S);
    float[] offsets = new float[VL];
    int runs = planes / planesPerRun;
    for (int r = 0; r < runs; r++) {
      int base = r * planesPerRun * planeSize;
      int at = r * run;
      for (int c = 0; c < run; c += VL) {
        FloatVector topLeft = FloatVector.fromArray(S, images, base, corners, c);
        FloatVector topRight = FloatVector.fromArray(S, images, base + 1, corners, c);
        FloatVector bottomLeft = FloatVector.fromArray(S, images, base + w, corners, c);
        FloatVector bottomRight = FloatVector.fromArray(S, images, base + w + 1, corners, c);
        if (topLeft.test(VectorOperators.IS_NAN).or(topRight.test(VectorOperators.IS_NAN))
            .or(bottomLeft.test(VectorOperators.IS_NAN)).or(bottomRight.test(VectorOperators.IS_NAN))
            .anyTrue()) {
          for (int l = 0; l < VL; l++) {
            FloatArrayKernels.maxPoolWindow2x2(images, base + corners[c + l], w, out, argmax, at + c + l);
          }
          continue;
        }
        // Strictly greater replaces: the first maximum in row order stays.
        VectorMask<Float> greater = topRight.compare(VectorOperators.GT, topLeft);
        FloatVector max = topLeft.blend(topRight, greater);
        FloatVector offset = none.blend(right, greater);
        greater = bottomLeft.compare(VectorOperators.GT, max);
        max = max.blend(bottomLeft, greater);
        offset = offset.blend(below, greater);
        greater = bottomRight.compare(VectorOperators.GT, max);
        max = max.blend(bottomRight, greater);
        offset = offset.blend(diagonal, greater);
        max.intoArray(out, at + c);
        offset.intoArray(offsets, 0);
        for (int l = 0; l < VL; l++) {
          argmax[at + c + l] = base + corners[c + l] + (int) offsets[l];
        }
      }
    }
    int ow = g.outWidth();
    for (int plane = runs * planesPerRun; plane < planes; plane++) { // fewer than planesPerRun left
      for (int y = 0; y < g.outHeight(); y++) {
        for (int x = 0; x < ow; x++) {
          FloatArrayKernels.maxPoolWindow2x2(images, plane * planeSize + (y * w + x) * g.stride(), w, out, argmax,
              (plane * g.outHeight() + y) * ow + x);
        }
      }
    }
    return true;
  }

  /** The top-left pixel of every window of the first {@code planes} planes, in output order. */
  private static int[] corners(ConvGeometry g, int planes) {
    int[] corners = new int[planes * g.outHeight() * g.outWidth()];
    int i = 0;
    for (int plane = 0; plane < planes; plane++) {
      for (int y = 0; y < g.outHeight(); y++) {
        for (int x = 0; x < g.outWidth(); x++) {
          corners[i++] = plane * g.height() * g.width() + (y * g.width() + x) * g.stride();
        }
      }
    }
    return corners;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
