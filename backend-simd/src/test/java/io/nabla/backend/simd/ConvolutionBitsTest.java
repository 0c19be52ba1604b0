package io.nabla.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.ConvGeometry;
import io.nabla.backend.DType;
import io.nabla.backend.Parallelism;
import io.nabla.backend.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIMD backend's direct convolution gives the bits of the convolution core composes where a
 * backend declines (im2col, this backend's GEMM, the bias added), on one thread and two, with
 * both tilings, in both dtypes and on whatever vector width this JVM runs (CI also runs this with 128- and 256-bit
 * vectors): so a net trains to the same parameters whichever way its convolutions run.
 */
class ConvolutionBitsTest {

  @AfterEach
  void resetThreads() {
    Parallelism.setThreads(0);
  }

  static Stream<Arguments> cases() {
    // batch, channels, height, width, kernel height, kernel width, stride 1, padding; filters
    int[][] geometries = {
        {12, 1, 28, 28, 5, 5, 1, 0, 30}, // SimpleConvNet's, enough work to split over threads
        {2, 16, 14, 14, 3, 3, 1, 1, 32}, // a DeepConvNet layer: padding, filters past a tile
        {2, 3, 7, 9, 3, 3, 1, 2, 7}, {1, 2, 5, 5, 5, 5, 1, 0, 13}, {2, 4, 6, 6, 1, 1, 1, 0, 6},
        {1, 1, 3, 100, 2, 2, 1, 0, 5}, {3, 2, 2, 3, 2, 2, 1, 1, 1}};
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (int[] c : geometries) {
        for (int threads : new int[] {1, 2}) {
          for (GemmTiling tiling : GemmTiling.values()) {
            cases.add(Arguments.of(dtype, new ConvGeometry(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]),
                c[8], threads, tiling));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} filters={2} threads={3} {4}")
  @MethodSource("cases")
  void directConvolutionGivesTheComposedBits(DType dtype, ConvGeometry g, int filters, int threads,
      GemmTiling tiling) {
    SimdBackend simd = new SimdBackend();
    SplittableRandom random = new SplittableRandom(g.hashCode() + filters);
    Storage images = random(simd, dtype, g.imageSize(), random);
    Storage weights = random(simd, dtype, filters * g.windowSize(), random);
    Storage bias = random(simd, dtype, filters, random);
    int plane = g.outHeight() * g.outWidth();
    Storage direct = simd.allocate(dtype, g.batch() * filters * plane);
    Parallelism.setThreads(threads);
    if (tiling == GemmTiling.current()) {
      assertTrue(simd.convolve(g, filters, images, weights, bias, direct), "convolve declined " + g);
    } else if (dtype == DType.FLOAT32) { // the tiling this JVM does not choose, through the kernel class
      float[] out = new float[direct.length()];
      assertTrue(SimdFloatConvolution.convolve(tiling, g, filters, floats(images), floats(weights), floats(bias), out),
          "convolve declined " + g);
      for (int i = 0; i < out.length; i++) {
        direct.set(i, out[i]);
      }
    } else {
      double[] out = new double[direct.length()];
      assertTrue(SimdDoubleConvolution.convolve(tiling, g, filters, doubles(images), doubles(weights), doubles(bias), out),
          "convolve declined " + g);
      for (int i = 0; i < out.length; i++) {
        direct.set(i, out[i]);
      }
    }
    Storage columns = simd.allocate(dtype, g.windowSize() * g.windows());
    simd.im2col(g, images, columns);
    Storage sums = simd.allocate(dtype, filters * g.windows());
    simd.gemm(false, false, filters, g.windows(), g.windowSize(), 1, weights, columns, 0, sums);
    for (int n = 0, i = 0; n < g.batch(); n++) {
      for (int f = 0; f < filters; f++) {
        for (int p = 0; p < plane; p++, i++) {
          double sum = sums.get(f * g.windows() + n * plane + p);
          // The bias add of the dtype, one rounding (a float32 sum of two floats is exact in double).
          double expected = dtype == DType.FLOAT32 ? (float) (sum + bias.get(f)) : sum + bias.get(f);
          int at = i;
          assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(direct.get(i)),
              () -> dtype + " " + g + " filters " + filters + " threads " + threads + ": element " + at);
        }
      }
    }
  }

  private static float[] floats(Storage s) {
    float[] a = new float[s.length()];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) s.get(i);
    }
    return a;
  }

  private static double[] doubles(Storage s) {
    double[] a = new double[s.length()];
    for (int i = 0; i < a.length; i++) {
      a[i] = s.get(i);
    }
    return a;
  }

  /** Uniform values in [-1, 1), every seventh an exact zero (signed zeros must come out alike). */
  private static Storage random(SimdBackend simd, DType dtype, int size, SplittableRandom random) {
    Storage s = simd.allocate(dtype, size);
    for (int i = 0; i < size; i++) {
      s.set(i, i % 7 == 3 ? 0 : random.nextDouble(-1, 1));
    }
    return s;
  }
}
