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
 * pixels at a time. Four loads, at a row's pixel, the next one and the two below them, hold the
 * four pixels of every window whose top-left pixel is in the vector (every {@code stride}-th
 * lane); the maximum and its position are chosen by compares and blends, without a branch on the
 * data (the plain loop's branches mispredict on random values: measured, 20 % of SimpleConvNet's
 * training step), and the windows' lanes are copied out. A vector that holds a NaN, or that would
 * read past the images, goes through the plain rule instead, so the result is {@link
 * io.nabla.backend.Backend#maxPool}'s to the bit: the first maximum in row order, or the first
 * NaN. The float64 version, {@code SimdDoublePooling}, is generated from this file.
 */
final class SimdFloatPooling {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  private SimdFloatPooling() {}

  /**
   * Pools as {@link io.nabla.backend.Backend#maxPool} does, if {@code g} has 2x2 windows, no
   * padding and images under 2^24 pixels wide; returns whether it did (if not, nothing is written).
   * The position of each maximum is chosen in the element lanes, as its offset from the window's
   * top-left pixel (0, 1, width or width + 1: exact in float32), and added to that pixel's index
   * lane by lane: with int lanes beside them, JDK 17's C2 boxed vectors inside the training step.
   * Where the windows are gathered through a table of their corners instead (16 windows a vector
   * where this takes 8 at stride 2), the step took 2.7 ms on JDK 17 and 1.6 on JDK 25.
   */
  static boolean maxPool2x2(ConvGeometry g, float[] images, float[] out, int[] argmax) {
    if (g.kernelHeight() != 2 || g.kernelWidth() != 2 || g.padding() != 0 || g.width() >= 1 << 24) {
      return false;
    }
    int w = g.width();
    int stride = g.stride();
    int ow = g.outWidth();
    int oh = g.outHeight();
    int planes = g.batch() * g.channels();
    int planeSize = g.height() * w;
    int perVector = (VL + stride - 1) / stride; // windows whose top-left pixel lies in one vector
    int lastLoad = images.length - VL; // where the last whole vector starts
    // Where each of the window's other pixels lies from its top-left one.
    FloatVector right = FloatVector.broadcast(S, 1f);
    FloatVector below = FloatVector.broadcast(S, (float) w);
    FloatVector diagonal = FloatVector.broadcast(S, (float) (w + 1));
    FloatVector none = FloatVector.zero(S);
    float[] max = new float[VL];
    float[] offsets = new float[VL];
    for (int plane = 0; plane < planes; plane++) {
      for (int y = 0; y < oh; y++) {
        int row = plane * planeSize + y * stride * w;
        for (int x = 0; x < ow; x += perVector) {
          int windows = Math.min(perVector, ow - x);
          int i = row + x * stride;
          int at = (plane * oh + y) * ow + x;
          if (i + w + 1 > lastLoad) { // the vectors would read past the images
            plainWindows(images, i, w, stride, windows, out, argmax, at);
            continue;
          }
          FloatVector topLeft = FloatVector.fromArray(S, images, i);
          FloatVector topRight = FloatVector.fromArray(S, images, i + 1);
          FloatVector bottomLeft = FloatVector.fromArray(S, images, i + w);
          FloatVector bottomRight = FloatVector.fromArray(S, images, i + w + 1);
          // A NaN in any pixel makes the sum NaN (so do infinities of both signs: those windows
          // merely take the plain rule too).
          if (topLeft.add(topRight).add(bottomLeft).add(bottomRight).test(VectorOperators.IS_NAN).anyTrue()) {
            plainWindows(images, i, w, stride, windows, out, argmax, at);
            continue;
          }
          // Strictly greater replaces: the first maximum in row order stays.
          VectorMask<Float> greater = topRight.compare(VectorOperators.GT, topLeft);
          FloatVector best = topLeft.blend(topRight, greater);
          FloatVector offset = none.blend(right, greater);
          greater = bottomLeft.compare(VectorOperators.GT, best);
          best = best.blend(bottomLeft, greater);
          offset = offset.blend(below, greater);
          greater = bottomRight.compare(VectorOperators.GT, best);
          best = best.blend(bottomRight, greater);
          offset = offset.blend(diagonal, greater);
          best.intoArray(max, 0);
          offset.intoArray(offsets, 0);
          for (int k = 0, lane = 0; k < windows; k++, lane += stride) {
            out[at + k] = max[lane];
            argmax[at + k] = i + lane + (int) offsets[lane];
          }
        }
      }
    }
    return true;
  }

  /** {@code windows} windows of a row by the plain rule, the first's top-left pixel at {@code i}. */
  private static void plainWindows(float[] images, int i, int w, int stride, int windows,
      float[] out, int[] argmax, int at) {
    for (int k = 0; k < windows; k++) {
      FloatArrayKernels.maxPoolWindow2x2(images, i + k * stride, w, out, argmax, at + k);
    }
  }
}
