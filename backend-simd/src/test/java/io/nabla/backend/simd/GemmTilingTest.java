package io.nabla.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Parallelism;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tiling computes bit-identical products, on whatever vector width this JVM runs (CI also
 * runs this with 128- and 256-bit vectors), and the tiling follows the register file.
 */
class GemmTilingTest {

  @AfterEach
  void resetThreads() {
    Parallelism.setThreads(0);
  }

  /** (m, n, k) around every edge: rows not a multiple of 6, widths around 1, 2, 4 and 7 vectors. */
  static Stream<Arguments> shapes() {
    int vl = FloatVector.SPECIES_PREFERRED.length();
    int[][] sizes = {
      {1, 1, 1}, {5, 3, 7}, {6, vl, 9}, {7, vl + 1, 13}, {13, 2 * vl, 5}, {12, 3 * vl - 1, 31},
      {19, 4 * vl, 17}, {25, 4 * vl + 3, 3}, {31, 7 * vl - 5, 11}, {100, 50, 784}, {784, 50, 100},
      {100, 10, 50}, {50, 10, 100}, {100, 50, 10}, {300, 300, 300}
    };
    List<Arguments> cases = new ArrayList<>();
    for (int[] s : sizes) {
      for (int t = 0; t < 4; t++) {
        cases.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
      }
    }
    return cases.stream();
  }

  private static float[] floats(SplittableRandom random, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }
    return x;
  }

  private static double[] doubles(SplittableRandom random, int size) {
    double[] x = new double[size];
    for (int i = 0; i < size; i++) {
      x[i] = random.nextDouble(-1, 1);
    }
    return x;
  }

  @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
  @MethodSource("shapes")
  void float32IsBitIdenticalForEveryTilingAndThreadCount(
      int m, int n, int k, boolean transA, boolean transB) {
    SplittableRandom random = new SplittableRandom(m * 31L + n * 7L + k);
    float[] a = floats(random, m * k);
    float[] b = floats(random, k * n);
    float[] c0 = floats(random, m * n);
    for (float[] ab : new float[][] {{1, 0}, {0.5f, 2}, {-1.5f, 1}}) {
      float[] expected = null;
      for (GemmTiling tiling : GemmTiling.values()) {
        for (int threads : new int[] {1, 2, 3}) {
          Parallelism.setThreads(threads);
          float[] c = c0.clone();
          SimdFloatGemm.gemm(tiling, transA, transB, m, n, k, ab[0], a, b, ab[1], c);
          if (expected == null) {
            expected = c;
            assertReference(m, n, k, transA, transB, ab[0], a, b, ab[1], c0, c);
          } else {
            assertArrayEquals(expected, c,
                tiling + " with " + threads + " threads differs from " + GemmTiling.values()[0]
                    + " with 1 thread, alpha " + ab[0] + " beta " + ab[1]);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
  @MethodSource("shapes")
  void float64IsBitIdenticalForEveryTilingAndThreadCount(
      int m, int n, int k, boolean transA, boolean transB) {
    SplittableRandom random = new SplittableRandom(m * 13L + n * 5L + k);
    double[] a = doubles(random, m * k);
    double[] b = doubles(random, k * n);
    double[] c0 = doubles(random, m * n);
    for (double[] ab : new double[][] {{1, 0}, {0.5, 2}, {-1.5, 1}}) {
      double[] expected = null;
      for (GemmTiling tiling : GemmTiling.values()) {
        for (int threads : new int[] {1, 2, 3}) {
          Parallelism.setThreads(threads);
          double[] c = c0.clone();
          SimdDoubleGemm.gemm(tiling, transA, transB, m, n, k, ab[0], a, b, ab[1], c);
          if (expected == null) {
            expected = c;
          } else {
            assertArrayEquals(expected, c, tiling + " with " + threads + " threads, alpha "
                + ab[0] + " beta " + ab[1]);
          }
        }
      }
    }
  }

  /**
   * Products deeper than {@link SimdFloatGemm#DEPTH_BLOCK}, taken a block of depths at a time:
   * every element is still one chain of fused multiply-adds in increasing depth, so it equals, to
   * the bit, that chain written out as scalars (the panel scaled by alpha first where it is
   * packed), whatever the tiling and thread count; rows not a multiple of 6, a partial last vector
   * of columns and a partial last block of depths included.
   */
  @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
  @MethodSource("deepShapes")
  void deepProductsAreOneFusedChainPerElement(int m, int n, int k, boolean transA, boolean transB) {
    SplittableRandom random = new SplittableRandom(m * 17L + n * 3L + k);
    float[] a = floats(random, m * k);
    float[] b = floats(random, k * n);
    float[] c0 = floats(random, m * n);
    for (float[] ab : new float[][] {{1, 0}, {0.5f, 2}}) {
      float alpha = ab[0];
      float beta = ab[1];
      boolean scaled = transB || alpha != 1; // the panel is packed as alpha * op(b)
      float[] expected = new float[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float sum = 0;
          for (int p = 0; p < k; p++) {
            float x = a[transA ? p * m + i : i * k + p];
            float y = b[transB ? j * k + p : p * n + j];
            sum = Math.fma(scaled ? alpha * y : y, x, sum);
          }
          expected[i * n + j] = beta == 0 ? sum : Math.fma(c0[i * n + j], beta, sum);
        }
      }
      for (GemmTiling tiling : GemmTiling.values()) {
        for (int threads : new int[] {1, 2}) {
          Parallelism.setThreads(threads);
          float[] c = c0.clone();
          SimdFloatGemm.gemm(tiling, transA, transB, m, n, k, alpha, a, b, beta, c);
          assertArrayEquals(expected, c, tiling + " with " + threads + " threads, alpha " + alpha
              + " beta " + beta);
        }
      }
    }
  }

  /** {@link #deepProductsAreOneFusedChainPerElement} for float64. */
  @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
  @MethodSource("deepShapes")
  void deepFloat64ProductsAreOneFusedChainPerElement(int m, int n, int k, boolean transA, boolean transB) {
    SplittableRandom random = new SplittableRandom(m * 19L + n * 3L + k);
    double[] a = doubles(random, m * k);
    double[] b = doubles(random, k * n);
    double[] c0 = doubles(random, m * n);
    double alpha = 0.5;
    double beta = 2;
    double[] expected = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
          double y = b[transB ? j * k + p : p * n + j];
          sum = Math.fma(alpha * y, a[transA ? p * m + i : i * k + p], sum);
        }
        expected[i * n + j] = Math.fma(c0[i * n + j], beta, sum);
      }
    }
    for (GemmTiling tiling : GemmTiling.values()) {
      for (int threads : new int[] {1, 2}) {
        Parallelism.setThreads(threads);
        double[] c = c0.clone();
        SimdDoubleGemm.gemm(tiling, transA, transB, m, n, k, alpha, a, b, beta, c);
        assertArrayEquals(expected, c, tiling + " with " + threads + " threads");
      }
    }
  }

  static Stream<Arguments> deepShapes() {
    int vl = FloatVector.SPECIES_PREFERRED.length();
    int deep = SimdFloatGemm.DEPTH_BLOCK;
    // The last is large enough to be split over threads at any vector width.
    int[][] sizes = {{13, vl + 3, 2 * deep + 452}, {6, 2 * vl, deep + 1}, {30, 25, 3 * deep}, {1, 1, deep + 7},
        {37, 4 * vl + 3, 2 * deep + 5}};
    List<Arguments> cases = new ArrayList<>();
    for (int[] s : sizes) {
      for (int t = 0; t < 4; t++) {
        cases.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
      }
    }
    return cases.stream();
  }

  /** The first result is also checked against a plain double-precision product. */
  private static void assertReference(int m, int n, int k, boolean transA, boolean transB,
      float alpha, float[] a, float[] b, float beta, float[] c0, float[] c) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        double abs = 0;
        for (int p = 0; p < k; p++) {
          double x = (double) a[transA ? p * m + i : i * k + p] * b[transB ? j * k + p : p * n + j];
          sum += x;
          abs += Math.abs(x);
        }
        double expected = alpha * sum + beta * c0[i * n + j];
        double tolerance = 1e-5 * (Math.abs(alpha) * abs + Math.abs(beta * c0[i * n + j]) + 1);
        assertEquals(expected, c[i * n + j], tolerance, "c[" + i + ", " + j + "]");
      }
    }
  }

  @Test
  void thirtyTwoRegistersGetTheWideTile() {
    assertEquals(GemmTiling.WIDE,
        GemmTiling.choose(null, RegisterFile.detect("amd64", OptionalInt.of(3), 512)));
    assertEquals(GemmTiling.WIDE,
        GemmTiling.choose("", RegisterFile.detect("amd64", OptionalInt.of(3), 256)));
    assertEquals(GemmTiling.WIDE,
        GemmTiling.choose(null, RegisterFile.detect("aarch64", OptionalInt.empty(), 128)));
    assertEquals(GemmTiling.WIDE,
        GemmTiling.choose(null, RegisterFile.detect("amd64", OptionalInt.empty(), 512)));
  }

  @Test
  void sixteenRegistersGetTheNarrowTile() {
    assertEquals(GemmTiling.NARROW,
        GemmTiling.choose(null, RegisterFile.detect("amd64", OptionalInt.of(2), 256)));
    assertEquals(GemmTiling.NARROW,
        GemmTiling.choose(null, RegisterFile.detect("amd64", OptionalInt.of(1), 128)));
    assertEquals(GemmTiling.NARROW,
        GemmTiling.choose(null, RegisterFile.detect("amd64", OptionalInt.empty(), 256)));
    assertEquals(GemmTiling.NARROW,
        GemmTiling.choose(null, RegisterFile.detect("riscv64", OptionalInt.empty(), 128)));
  }

  @Test
  void theTileFitsTheRegisterFile() {
    for (int registers : new int[] {16, 32}) {
      GemmTiling tiling = GemmTiling.choose(null, new RegisterFile(registers, "test"));
      int vectors = tiling.nextStrip(Integer.MAX_VALUE);
      int used = GemmTiling.ROWS * vectors + vectors + 1;
      assertTrue(used <= registers, tiling + " needs " + used + " of " + registers);
    }
  }

  @Test
  void aPropertyOverridesTheChoiceAndABadOneIsNamed() {
    RegisterFile sixteen = new RegisterFile(16, "test");
    assertEquals(GemmTiling.WIDE, GemmTiling.choose("Wide", sixteen));
    var e = assertThrows(IllegalArgumentException.class, () -> GemmTiling.choose("huge", sixteen));
    assertEquals("nabla.simd.tiling must be 'wide' or 'narrow', got 'huge'", e.getMessage());
  }

  @Test
  void stripsCoverEveryColumnVectorOnce() {
    for (GemmTiling tiling : GemmTiling.values()) {
      for (int vectors = 1; vectors <= 20; vectors++) {
        int covered = 0;
        while (covered < vectors) {
          int width = tiling.nextStrip(vectors - covered);
          assertTrue(width <= vectors - covered, tiling + " overshoots at " + vectors);
          covered += width;
        }
        assertEquals(vectors, covered);
      }
    }
  }

  @Test
  void theDiagnosticNamesTheTileAndTheVectorWidth() {
    String details = new SimdBackend().details();
    System.out.println("simd backend: " + details);
    assertTrue(details.contains(FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit"), details);
    assertTrue(details.contains(DoubleVector.SPECIES_PREFERRED.length() + " float64 lanes"), details);
    assertTrue(details.contains("GEMM tile " + (RegisterFile.current().count() >= 32 ? "6x4" : "6x2")),
        details);
    assertTrue(details.contains(RegisterFile.current().reason()), details);
  }
}
