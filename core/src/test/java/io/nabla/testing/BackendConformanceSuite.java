package io.nabla.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.Parallelism;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.Storage;
import io.nabla.backend.UnaryOp;
import io.nabla.tensor.DType;
import io.nabla.tensor.ElementwiseOps;
import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backend conformance suite (TCK): every kernel of {@link Backend}, in both dtypes, on odd,
 * 1xN, Nx1 and zero-size shapes, with transposes and broadcasting, compared with {@link
 * ReferenceBackend} run in float64. A backend module runs it with a one-line subclass that
 * returns its backend. Failure messages name the backend, kernel, dtype and shape.
 */
public abstract class BackendConformanceSuite {

  /** The backend under test. */
  protected abstract Backend backend();

  private final Backend oracle = ReferenceBackend.ORACLE;

  /** Shapes for the elementwise kernels: empty, single, row, column, odd and rank 3. */
  static Stream<int[]> elementwiseShapes() {
    return Stream.of(
        new int[] {0}, new int[] {1}, new int[] {1, 17}, new int[] {17, 1}, new int[] {3, 5},
        new int[] {7, 33}, new int[] {64, 129}, new int[] {2, 3, 4}, new int[] {0, 5});
  }

  static Stream<Arguments> dtypeAndShape() {
    return Stream.of(DType.values())
        .flatMap(d -> elementwiseShapes().map(s -> Arguments.of(d, s)));
  }

  /** GEMM sizes (m, n, k): unit, vector-like, odd, the chapter's MNIST shapes, and empty. */
  static Stream<Arguments> gemmCases() {
    int[][] sizes = {
      {1, 1, 1}, {1, 17, 5}, {17, 1, 5}, {5, 7, 1}, {7, 9, 13}, {33, 31, 65}, {16, 16, 16},
      {100, 10, 50}, {20, 50, 784}, {0, 5, 3}, {5, 0, 3}, {4, 6, 0}
    };
    double[][] alphaBeta = {{1, 0}, {0.5, 2}, {-1, 1}};
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (int[] s : sizes) {
        for (int t = 0; t < 4; t++) {
          double[] ab = alphaBeta[(t + s[0] + s[2]) % alphaBeta.length];
          cases.add(Arguments.of(dtype, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, ab[0], ab[1]));
        }
      }
    }
    return cases.stream();
  }

  private String where(String kernel, DType dtype, int[] shape) {
    return backend().name() + "." + kernel + " " + dtype.label() + Shapes.format(shape);
  }

  // ---- Coverage ---------------------------------------------------------------------------------

  @Test
  void everyKernelOfTheSpiIsTested() {
    Set<String> kernels = new TreeSet<>();
    for (Method m : Backend.class.getDeclaredMethods()) {
      if (Modifier.isAbstract(m.getModifiers()) || m.isDefault()) {
        kernels.add(m.getName());
      }
    }
    // Descriptions and hints, not kernels: their contracts promise no result to compare.
    kernels.removeAll(Set.of("name", "priority", "availability", "details", "warmUp", "awaitWarmUp"));
    Set<String> tested = new TreeSet<>();
    for (Class<?> c = getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        Kernel k = m.getAnnotation(Kernel.class);
        if (k != null) {
          tested.addAll(Arrays.asList(k.value()));
        }
      }
    }
    Set<String> untested = new TreeSet<>(kernels);
    untested.removeAll(tested);
    assertTrue(untested.isEmpty(), "kernels without a conformance test: " + untested);
    assertTrue(kernels.size() >= 10, "found only " + kernels + " in the SPI");
  }

  @Test
  void aWarmUpAndTheWaitForItChangeNoResult() {
    for (io.nabla.tensor.DType dtype : io.nabla.tensor.DType.values()) {
      io.nabla.tensor.SeededRandom random = new io.nabla.tensor.SeededRandom(3);
      io.nabla.tensor.Tensor a = io.nabla.tensor.Tensors.randomUniform(backend(), random, -1, 1, dtype, 7, 33);
      io.nabla.tensor.Tensor b = io.nabla.tensor.Tensors.randomUniform(backend(), random, -1, 1, dtype, 33, 50);
      double[] before = io.nabla.tensor.MatrixOps.matmul(a, b).toDoubleArray();
      backend().warmUp(dtype);
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2),
          () -> backend().awaitWarmUp(dtype), "awaitWarmUp(" + dtype + ") did not return");
      org.junit.jupiter.api.Assertions.assertArrayEquals(before, io.nabla.tensor.MatrixOps.matmul(a, b).toDoubleArray());
    }
  }

  @Test
  void reportsItselfAvailable() {
    assertTrue(backend().availability().available(),
        backend().name() + " is not available: " + backend().availability().reason());
    assertTrue(backend().name().matches("[a-z][a-z0-9-]*"), "name " + backend().name());
  }

  // ---- Memory -----------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dtypeAndShape")
  @Kernel({"allocate", "accepts"})
  void storageIsZeroedOwnedAndKeepsWhatIsWritten(DType dtype, int[] shape) {
    int n = Shapes.size(shape);
    Storage storage = backend().allocate(dtype, n);
    assertEquals(dtype, storage.dtype(), where("allocate", dtype, shape));
    assertEquals(n, storage.length(), where("allocate", dtype, shape));
    assertTrue(backend().accepts(storage), where("accepts", dtype, shape) + ": its own storage");
    double[] zeros = new double[n];
    double[] read = new double[n];
    storage.read(0, read, 0, n);
    assertArrayEquals(zeros, read, where("allocate", dtype, shape) + " is zeroed");
    // Bulk and element writes, in both Java types, read back rounded to the dtype.
    Tensor values = input(41, dtype, shape);
    double[] expected = Inputs.forOracle(values).toDoubleArray();
    storage.write(0, expected, 0, n);
    float[] asFloats = new float[n];
    storage.read(0, asFloats, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals((float) expected[i], asFloats[i], where("read", dtype, shape) + " element " + i);
      assertEquals(expected[i], storage.get(i), where("get", dtype, shape) + " element " + i);
      storage.set(i, -expected[i]);
    }
    float[] negated = new float[n];
    for (int i = 0; i < n; i++) {
      negated[i] = (float) -expected[i];
    }
    storage.read(0, read, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(dtype.round(-expected[i]), read[i], where("set", dtype, shape) + " element " + i);
    }
    storage.write(0, negated, 0, n);
    storage.read(0, read, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(negated[i], read[i], where("write", dtype, shape) + " float element " + i);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dtypeAndShape")
  @Kernel({"allocate", "accepts"})
  void tensorsMoveInAndOutUnchangedAndCopiesAreIndependent(DType dtype, int[] shape) {
    Tensor original = Inputs.forOracle(input(42, dtype, shape));
    Tensor here = original.asType(dtype).on(backend());
    assertTrue(backend().accepts(here.storage()), where("accepts", dtype, shape) + ": a tensor moved here");
    assertArrayEquals(Inputs.forOracle(here).toDoubleArray(), Inputs.forOracle(here.on(ReferenceBackend.ORACLE)).toDoubleArray(),
        where("on", dtype, shape) + ": there and back");
    Tensor copy = here.copy();
    if (copy.size() > 0) {
      copy.setFlat(0, 12345);
      assertTrue(here.getFlat(0) != 12345, where("copy", dtype, shape) + " is independent");
    }
    Tensor view = here.reshape(-1);
    assertTrue(view.sharesStorageWith(here), where("reshape", dtype, shape) + " is a view");
  }

  // ---- BLAS -------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} m={1} n={2} k={3} transA={4} transB={5} alpha={6} beta={7}")
  @MethodSource("gemmCases")
  @Kernel("gemm")
  void gemmMatchesReference(
      DType dtype, int m, int n, int k, boolean transA, boolean transB, double alpha,
      double beta) {
    long seed = 31L * m + 17L * n + k;
    Tensor a = transA ? input(seed, dtype, k, m) : input(seed, dtype, m, k);
    Tensor b = transB ? input(seed + 1, dtype, n, k) : input(seed + 1, dtype, k, n);
    Tensor c = input(seed + 2, dtype, m, n);
    Tensor expected = Inputs.forOracle(c);
    oracle.gemm(transA, transB, alpha, Inputs.forOracle(a), Inputs.forOracle(b), beta, expected);
    // Error bound of a k-term dot product: about k * u * sum |a||b|, plus the beta * c term.
    Tensor magnitude = Inputs.forOracle(c).fill(0);
    oracle.gemm(transA, transB, Math.abs(alpha), absolute(a), absolute(b), 0, magnitude);
    double u = Tolerance.unitRoundoff(dtype);
    double[] bound = new double[m * n];
    for (int i = 0; i < bound.length; i++) {
      bound[i] = 2 * (k + 2) * u * magnitude.getFlat(i) + 4 * u * Math.abs(beta * c.getFlat(i));
    }
    backend().gemm(transA, transB, alpha, a, b, beta, c);
    String shapes = (transA ? "A^T" : "A") + (transB ? "B^T" : "B") + " m=" + m + " n=" + n + " k=" + k;
    Tolerance.assertClose(where("gemm", dtype, new int[] {m, n}) + " " + shapes, expected, c,
        Tolerance.absolute(dtype), 0, bound);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  @Kernel("gemm")
  void gemmWithBetaZeroIgnoresNanInOutput(DType dtype) {
    Tensor a = input(1, dtype, 3, 4);
    Tensor b = input(2, dtype, 4, 5);
    Tensor c = a.zerosLike(3, 5).fill(Double.NaN);
    backend().gemm(false, false, 1, a, b, 0, c);
    Tensor expected = Inputs.forOracle(c);
    oracle.gemm(false, false, 1, Inputs.forOracle(a), Inputs.forOracle(b), 0, expected);
    Tolerance.assertClose(where("gemm", dtype, c.shape()) + " beta=0 over NaN", expected, c,
        1e-5, 1e-5, null);
  }

  @ParameterizedTest(name = "{0} transA={1}")
  @MethodSource("threadCases")
  @Kernel("gemm")
  void gemmGivesBitIdenticalResultsOnOneAndManyThreads(DType dtype, boolean transA) {
    // 12.6 million multiply-adds: above every backend's threshold for splitting the work.
    int m = 256;
    int n = 192;
    int k = 256;
    Tensor a = transA ? input(21, dtype, k, m) : input(21, dtype, m, k);
    Tensor b = input(22, dtype, k, n);
    Tensor single = a.zerosLike(m, n);
    Tensor multi = a.zerosLike(m, n);
    try {
      Parallelism.setThreads(1);
      backend().gemm(transA, false, 1.0, a, b, 0.0, single);
      Parallelism.setThreads(4);
      backend().gemm(transA, false, 1.0, a, b, 0.0, multi);
    } finally {
      Parallelism.setThreads(0);
    }
    assertArrayEquals(single.toDoubleArray(), multi.toDoubleArray(),
        where("gemm", dtype, single.shape()) + ": 1 thread vs 4 threads");
  }

  static Stream<Arguments> threadCases() {
    return Stream.of(DType.values()).flatMap(d -> Stream.of(Arguments.of(d, false), Arguments.of(d, true)));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void gemmThroughCoreRejectsAnAliasedOutput(DType dtype) {
    Tensor a = input(1, dtype, 4, 4);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> MatrixOps.gemm(false, false, 1, a, input(2, dtype, 4, 4), 0, a));
    assertTrue(e.getMessage().contains("shares storage"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dtypeAndShape")
  @Kernel({"axpy", "scale", "fill"})
  void axpyScaleAndFillMatchReference(DType dtype, int[] shape) {
    Tensor x = input(3, dtype, shape);
    Tensor y = input(4, dtype, shape);
    Tensor expected = Inputs.forOracle(y);
    oracle.axpy(-0.75, Inputs.forOracle(x), expected);
    backend().axpy(-0.75, x, y);
    Tolerance.assertClose(where("axpy", dtype, shape), expected, y);

    oracle.scale(1.5, expected);
    backend().scale(1.5, y);
    Tolerance.assertClose(where("scale", dtype, shape), expected, y);

    backend().fill(y, 0.1);
    for (int i = 0; i < y.size(); i++) {
      assertEquals(dtype.round(0.1), y.getFlat(i), where("fill", dtype, shape));
    }
  }

  // ---- Elementwise ------------------------------------------------------------------------------

  static Stream<Arguments> unaryCases() {
    return Stream.of(UnaryOp.values())
        .flatMap(op -> dtypeAndShape().map(a -> Arguments.of(op, a.get()[0], a.get()[1])));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("unaryCases")
  @Kernel("map")
  void mapMatchesReference(UnaryOp op, DType dtype, int[] shape) {
    boolean positiveOnly = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RECIPROCAL;
    double low = positiveOnly ? 0.05 : -20;
    Tensor x = Inputs.uniform(backend(), 5, low, 20, dtype, shape);
    Tensor expected = Inputs.forOracle(x);
    oracle.map(op, expected, expected);
    Tensor out = x.zerosLike();
    backend().map(op, x, out);
    Tolerance.assertClose(where("map " + op, dtype, shape), expected, out);
    backend().map(op, x, x);
    Tolerance.assertClose(where("map " + op + " in place", dtype, shape), expected, x);
  }

  static Stream<Arguments> binaryCases() {
    return Stream.of(BinaryOp.values())
        .flatMap(op -> dtypeAndShape().map(a -> Arguments.of(op, a.get()[0], a.get()[1])));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("binaryCases")
  @Kernel({"zip", "zipScalar"})
  void zipAndZipScalarMatchReference(BinaryOp op, DType dtype, int[] shape) {
    double low = op == BinaryOp.POWER ? 0.1 : -3;
    Tensor a = Inputs.uniform(backend(), 6, low, 3, dtype, shape);
    Tensor b = Inputs.uniform(backend(), 7, op == BinaryOp.DIVIDE ? 0.5 : -3, 3, dtype, shape);
    Tensor expected = Inputs.forOracle(a);
    oracle.zip(op, expected, Inputs.forOracle(b), expected);
    Tensor out = a.zerosLike();
    backend().zip(op, a, b, out);
    Tolerance.assertClose(where("zip " + op, dtype, shape), expected, out);

    double scalar = op == BinaryOp.POWER ? 1.7 : -1.25;
    Tensor expectedScalar = Inputs.forOracle(a);
    oracle.zipScalar(op, expectedScalar, scalar, expectedScalar);
    backend().zipScalar(op, a, scalar, a);
    Tolerance.assertClose(where("zipScalar " + op + " in place", dtype, shape), expectedScalar, a);
  }

  static Stream<Arguments> broadcastCases() {
    int[][] matrices = {{1, 1}, {1, 9}, {9, 1}, {5, 7}, {100, 50}, {0, 3}, {4, 0}};
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE}) {
        for (int[] shape : matrices) {
          cases.add(Arguments.of(op, dtype, shape));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("broadcastCases")
  @Kernel({"zipRowVector", "zipColumnVector"})
  void rowAndColumnBroadcastMatchReference(BinaryOp op, DType dtype, int[] shape) {
    Tensor a = input(8, dtype, shape);
    Tensor row = Inputs.uniform(backend(), 9, 0.5, 2, dtype, shape[1]);
    Tensor column = Inputs.uniform(backend(), 10, 0.5, 2, dtype, shape[0]);

    Tensor expectedRow = Inputs.forOracle(a);
    oracle.zipRowVector(op, expectedRow, Inputs.forOracle(row), expectedRow);
    Tensor outRow = a.zerosLike();
    backend().zipRowVector(op, a, row, outRow);
    Tolerance.assertClose(where("zipRowVector " + op, dtype, shape), expectedRow, outRow);

    Tensor expectedColumn = Inputs.forOracle(a);
    oracle.zipColumnVector(op, expectedColumn, Inputs.forOracle(column), expectedColumn);
    backend().zipColumnVector(op, a, column, a);
    Tolerance.assertClose(where("zipColumnVector " + op + " in place", dtype, shape),
        expectedColumn, a);
  }

  static Stream<Arguments> numpyBroadcastCases() {
    int[][][] pairs = {
      {{3, 4}, {4}}, {{3, 4}, {1, 4}}, {{3, 4}, {3, 1}}, {{3, 4}, {}}, {{}, {3, 4}},
      {{4}, {3, 4}}, {{3, 1}, {1, 4}}, {{2, 3, 4}, {3, 1}}, {{1, 3}, {2, 1, 1}}, {{1}, {5}}
    };
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (int[][] p : pairs) {
        cases.add(Arguments.of(dtype, p[0], p[1]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} - {2}")
  @MethodSource("numpyBroadcastCases")
  void broadcastingThroughCoreMatchesReference(DType dtype, int[] left, int[] right) {
    Tensor a = input(11, dtype, left);
    Tensor b = input(12, dtype, right);
    Tensor expected = ElementwiseOps.zip(BinaryOp.SUBTRACT, Inputs.forOracle(a), Inputs.forOracle(b));
    Tensor actual = ElementwiseOps.zip(BinaryOp.SUBTRACT, a, b);
    Tolerance.assertClose(
        backend().name() + " broadcast " + dtype.label() + Shapes.format(left) + " - "
            + Shapes.format(right), expected, actual);
  }

  // ---- Reductions -------------------------------------------------------------------------------

  static Stream<Arguments> reduceCases() {
    int[][] layouts = {{1, 1, 1}, {1, 1000, 1}, {1, 100, 50}, {100, 50, 1}, {3, 7, 5}, {1, 0, 4}, {0, 3, 2}, {2, 9, 17}};
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (ReduceOp op : ReduceOp.values()) {
        for (int[] l : layouts) {
          cases.add(Arguments.of(op, dtype, l[0], l[1], l[2]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} outer={2} length={3} inner={4}")
  @MethodSource("reduceCases")
  @Kernel("reduce")
  void reduceMatchesReference(ReduceOp op, DType dtype, int outer, int length, int inner) {
    int[] shape = {outer, length, inner};
    Tensor x = input(13, dtype, shape);
    Tensor expected = Inputs.forOracle(x).zerosLike(outer, inner);
    oracle.reduce(op, Inputs.forOracle(x), outer, length, inner, expected);
    Tensor out = x.zerosLike(outer, inner);
    backend().reduce(op, x, outer, length, inner, out);
    // A sum of n terms may be off by about n * u * sum |x| (recursive summation's bound).
    double[] bound = new double[outer * inner];
    double u = Tolerance.unitRoundoff(dtype);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double abs = 0;
        for (int l = 0; l < length; l++) {
          abs += Math.abs(x.getFlat((o * length + l) * inner + i));
        }
        bound[o * inner + i] = op == ReduceOp.SUM ? 2 * (length + 1) * u * abs : 0;
      }
    }
    Tolerance.assertClose(where("reduce " + op, dtype, shape), expected, out,
        Tolerance.absolute(dtype), Tolerance.relative(dtype), bound);
  }

  static Stream<Arguments> argmaxCases() {
    int[][] layouts = {{1, 1, 1}, {1, 10, 1}, {100, 10, 1}, {1, 10, 100}, {3, 17, 5}, {0, 4, 3}};
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (int[] l : layouts) {
        cases.add(Arguments.of(dtype, l[0], l[1], l[2]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} outer={1} length={2} inner={3}")
  @MethodSource("argmaxCases")
  @Kernel("argmax")
  void argmaxMatchesReferenceAndPicksTheFirstOfTies(DType dtype, int outer, int length, int inner) {
    int[] shape = {outer, length, inner};
    // Few distinct values, so that ties are common.
    Tensor x = input(14, dtype, shape);
    for (int i = 0; i < x.size(); i++) {
      x.setFlat(i, Math.floor(x.getFlat(i) * 2));
    }
    int[] expected = new int[outer * inner];
    oracle.argmax(Inputs.forOracle(x), outer, length, inner, expected);
    int[] actual = new int[outer * inner];
    backend().argmax(x, outer, length, inner, actual);
    assertArrayEquals(expected, actual, where("argmax", dtype, shape));
  }

  // ---- Neural-network kernels -------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dtypeAndShape")
  @Kernel("softmaxRows")
  void softmaxRowsMatchesReference(DType dtype, int[] shape) {
    Tensor x = input(15, dtype, shape);
    checkSoftmax(dtype, shape, x, "softmaxRows");
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  @Kernel("softmaxRows")
  void softmaxRowsIsStableForInputsUpTo1e4(DType dtype) {
    int[] shape = {6, 10};
    Tensor x = Inputs.uniform(backend(), 16, -1e4, 1e4, dtype, shape);
    checkSoftmax(dtype, shape, x, "softmaxRows large inputs");
  }

  private void checkSoftmax(DType dtype, int[] shape, Tensor x, String kernel) {
    Tensor expected = Inputs.forOracle(x);
    oracle.softmaxRows(expected, expected);
    Tensor out = x.zerosLike();
    backend().softmaxRows(x, out);
    Tolerance.assertClose(where(kernel, dtype, shape), expected, out);
    backend().softmaxRows(x, x);
    Tolerance.assertClose(where(kernel + " in place", dtype, shape), expected, x);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dtypeAndShape")
  @Kernel({"sigmoidBackward", "reluBackward"})
  void activationBackwardKernelsMatchReference(DType dtype, int[] shape) {
    Tensor y = Inputs.uniform(backend(), 17, 0, 1, dtype, shape);
    Tensor x = input(18, dtype, shape);
    Tensor gradOut = input(19, dtype, shape);

    Tensor expected = Inputs.forOracle(gradOut);
    oracle.sigmoidBackward(Inputs.forOracle(y), expected, expected);
    Tensor gradIn = gradOut.zerosLike();
    backend().sigmoidBackward(y, gradOut, gradIn);
    Tolerance.assertClose(where("sigmoidBackward", dtype, shape), expected, gradIn);

    Tensor expectedRelu = Inputs.forOracle(gradOut);
    oracle.reluBackward(Inputs.forOracle(x), expectedRelu, expectedRelu);
    backend().reluBackward(x, gradOut, gradOut);
    Tolerance.assertClose(where("reluBackward in place", dtype, shape), expectedRelu, gradOut);
  }

  // ---- Helpers ----------------------------------------------------------------------------------

  private Tensor input(long seed, DType dtype, int... shape) {
    return Inputs.uniform(backend(), seed, -1, 1, dtype, shape);
  }

  private static Tensor absolute(Tensor t) {
    Tensor abs = Inputs.forOracle(t);
    for (int i = 0; i < abs.size(); i++) {
      abs.setFlat(i, Math.abs(abs.getFlat(i)));
    }
    return abs;
  }
}
