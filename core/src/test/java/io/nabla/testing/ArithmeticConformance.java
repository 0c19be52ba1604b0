package io.nabla.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.DType;
import io.nabla.backend.Parallelism;
import io.nabla.backend.Storage;
import io.nabla.backend.TernaryOp;
import io.nabla.backend.UnaryOp;
import io.nabla.backend.View;
import io.nabla.tensor.ElementwiseOps;
import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The arithmetic half of the conformance suite: {@code gemm}, {@code axpy}, {@code fill}, {@code
 * map}, {@code binary} in every layout of views, {@code binaryScalar} and {@code ternary}, each
 * called directly on tensors' storage with explicit sizes and compared with {@link
 * ReferenceBackend} run on float64 copies. Backend modules extend {@link BackendConformanceSuite},
 * which adds the rest; this class holds what both halves share.
 */
public abstract class ArithmeticConformance {

  /** The backend under test. */
  protected abstract Backend backend();

  /** The oracle: every expected value is computed by it on float64 copies of the inputs. */
  final ReferenceBackend oracle = ReferenceBackend.ORACLE;

  /** Shapes for the elementwise kernels: empty, single, row, column, odd and rank 3. */
  static Stream<int[]> elementwiseShapes() {
    return Stream.of(
        new int[] {0}, new int[] {1}, new int[] {1, 17}, new int[] {17, 1}, new int[] {3, 5},
        new int[] {7, 33}, new int[] {64, 129}, new int[] {2, 3, 4}, new int[] {0, 5});
  }

  /** Every dtype with every elementwise shape. */
  static Stream<Arguments> dtypeAndShape() {
    return Stream.of(DType.values())
        .flatMap(d -> elementwiseShapes().map(s -> Arguments.of(d, s)));
  }

  /** Matrices [rows, cols] for the layouts of views: zero-size, 1x1, 1xN, Nx1, odd, wide. */
  static final int[][] MATRICES = {
    {0, 3}, {4, 0}, {1, 1}, {1, 17}, {17, 1}, {3, 5}, {7, 33}, {64, 129}
  };

  /** Every dtype with every matrix of {@link #MATRICES}. */
  static Stream<Arguments> dtypeAndMatrix() {
    return Stream.of(DType.values())
        .flatMap(d -> Stream.of(MATRICES).map(m -> Arguments.of(d, m)));
  }

  /** The failure context: backend, kernel, dtype and shape. */
  String where(String kernel, DType dtype, int[] shape) {
    return backend().name() + "." + kernel + " " + dtype.label() + Shapes.format(shape);
  }

  /** Uniform inputs in [-1, 1) on the backend under test. */
  Tensor input(long seed, DType dtype, int... shape) {
    return Inputs.uniform(backend(), seed, -1, 1, dtype, shape);
  }

  /** A float64 tensor of zeros on the oracle, for its results. */
  Tensor oracleZeros(int... shape) {
    return Tensors.zeros(oracle, DType.FLOAT64, shape);
  }

  /** The oracle's storage of a float64 copy of {@code t}. */
  static Storage exact(Tensor t) {
    return Inputs.forOracle(t).storage();
  }

  // ---- BLAS -------------------------------------------------------------------------------------

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
    oracle.gemm(transA, transB, m, n, k, alpha, exact(a), exact(b), beta, expected.storage());
    // Error bound of a k-term dot product: about k * u * sum |a||b|, plus the beta * c term.
    Tensor magnitude = oracleZeros(m, n);
    oracle.gemm(transA, transB, m, n, k, Math.abs(alpha), absolute(a), absolute(b), 0,
        magnitude.storage());
    double u = Tolerance.unitRoundoff(dtype);
    double[] bound = new double[m * n];
    for (int i = 0; i < bound.length; i++) {
      bound[i] = 2 * (k + 2) * u * magnitude.getFlat(i) + 4 * u * Math.abs(beta * c.getFlat(i));
    }
    backend().gemm(transA, transB, m, n, k, alpha, a.storage(), b.storage(), beta, c.storage());
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
    backend().gemm(false, false, 3, 5, 4, 1, a.storage(), b.storage(), 0, c.storage());
    Tensor expected = oracleZeros(3, 5);
    oracle.gemm(false, false, 3, 5, 4, 1, exact(a), exact(b), 0, expected.storage());
    Tolerance.assertClose(where("gemm", dtype, c.shape()) + " beta=0 over NaN", expected, c,
        1e-5, 1e-5, null);
  }

  static Stream<Arguments> threadCases() {
    return Stream.of(DType.values()).flatMap(d -> Stream.of(Arguments.of(d, false), Arguments.of(d, true)));
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
      backend().gemm(transA, false, m, n, k, 1.0, a.storage(), b.storage(), 0.0, single.storage());
      Parallelism.setThreads(4);
      backend().gemm(transA, false, m, n, k, 1.0, a.storage(), b.storage(), 0.0, multi.storage());
    } finally {
      Parallelism.setThreads(0);
    }
    assertArrayEquals(single.toDoubleArray(), multi.toDoubleArray(),
        where("gemm", dtype, single.shape()) + ": 1 thread vs 4 threads");
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
  @Kernel({"axpy", "fill"})
  void axpyAndFillMatchReference(DType dtype, int[] shape) {
    int n = Shapes.size(shape);
    Tensor x = input(3, dtype, shape);
    Tensor y = input(4, dtype, shape);
    Tensor expected = Inputs.forOracle(y);
    oracle.axpy(n, -0.75, exact(x), expected.storage());
    backend().axpy(n, -0.75, x.storage(), y.storage());
    Tolerance.assertClose(where("axpy", dtype, shape), expected, y);

    // Elements [0, n) only: the three past n keep their zeros.
    Storage wide = backend().allocate(dtype, n + 3);
    backend().fill(n, wide, 0.1);
    for (int i = 0; i < n + 3; i++) {
      assertEquals(i < n ? dtype.round(0.1) : 0, wide.get(i), where("fill", dtype, shape) + " element " + i);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dtypeAndShape")
  @Kernel("adamStep")
  void adamStepMatchesItsDefinitionOrWritesNothing(DType dtype, int[] shape) {
    int n = Shapes.size(shape);
    Tensor grad = input(5, dtype, shape);
    Tensor first = input(6, dtype, shape);
    Tensor second = input(7, dtype, shape);
    for (int i = 0; i < n; i++) {
      second.setFlat(i, Math.abs(second.getFlat(i)) + 0.1); // a second moment is not negative
    }
    Tensor weights = input(8, dtype, shape);
    double[] g = grad.toDoubleArray();
    double[] m = first.toDoubleArray();
    double[] v = second.toDoubleArray();
    double[] w = weights.toDoubleArray();
    if (!backend().adamStep(n, 0.1, 0.001, 1e-7, 0.003, grad.storage(), first.storage(), second.storage(),
        weights.storage())) {
      assertArrayEquals(m, first.toDoubleArray(), where("adamStep", dtype, shape) + ": declined, yet wrote the first moment");
      assertArrayEquals(v, second.toDoubleArray(), where("adamStep", dtype, shape) + ": declined, yet wrote the second moment");
      assertArrayEquals(w, weights.toDoubleArray(), where("adamStep", dtype, shape) + ": declined, yet wrote the weights");
      return;
    }
    Tensor[] expected = {oracleZeros(shape), oracleZeros(shape), oracleZeros(shape)};
    for (int i = 0; i < n; i++) {
      double m1 = m[i] + 0.1 * (g[i] - m[i]);
      double v1 = v[i] + 0.001 * (g[i] * g[i] - v[i]);
      expected[0].setFlat(i, m1);
      expected[1].setFlat(i, v1);
      expected[2].setFlat(i, w[i] - 0.003 * m1 / (Math.sqrt(v1) + 1e-7));
    }
    Tolerance.assertClose(where("adamStep first moment", dtype, shape), expected[0], first);
    Tolerance.assertClose(where("adamStep second moment", dtype, shape), expected[1], second);
    Tolerance.assertClose(where("adamStep weights", dtype, shape), expected[2], weights);
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
    int n = Shapes.size(shape);
    Tensor x = Inputs.uniform(backend(), 5, low, 20, dtype, shape);
    Tensor expected = Inputs.forOracle(x);
    oracle.map(op, n, expected.storage(), expected.storage());
    Tensor out = x.zerosLike();
    backend().map(op, n, x.storage(), out.storage());
    Tolerance.assertClose(where("map " + op, dtype, shape), expected, out);
    backend().map(op, n, x.storage(), x.storage());
    Tolerance.assertClose(where("map " + op + " in place", dtype, shape), expected, x);
  }

  static Stream<Arguments> binaryCases() {
    return Stream.of(BinaryOp.values())
        .flatMap(op -> dtypeAndMatrix().map(a -> Arguments.of(op, a.get()[0], a.get()[1])));
  }

  /** Left operands: positive for the power, whose base must be. */
  private Tensor left(BinaryOp op, long seed, DType dtype, int... shape) {
    return Inputs.uniform(backend(), seed, op == BinaryOp.POWER ? 0.1 : -3, 3, dtype, shape);
  }

  /** Right operands: away from zero for a divisor. */
  private Tensor right(BinaryOp op, long seed, DType dtype, int... shape) {
    return Inputs.uniform(backend(), seed, op == BinaryOp.DIVIDE ? 0.5 : -3, 3, dtype, shape);
  }

  /**
   * Every layout core hands the binary kernel for a matrix [r, c], and two it does not yet (a
   * transposed operand): equal shapes as one run, a scalar on either side, a row vector, a column
   * vector; the output aliased with a contiguous operand too.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("binaryCases")
  @Kernel("binary")
  void binaryMatchesReferenceInEveryLayout(BinaryOp op, DType dtype, int[] matrix) {
    int r = matrix[0];
    int c = matrix[1];
    int[] run = {r * c};
    View contiguous = View.contiguous(matrix);
    Tensor a = left(op, 6, dtype, r, c);
    Tensor b = right(op, 7, dtype, r, c);
    checkBinary("equal shapes", op, run, a, new View(0, new int[] {1}), b, new View(0, new int[] {1}), 'a');
    checkBinary("scalar b", op, run, a, new View(0, new int[] {1}), right(op, 8, dtype, 1), new View(0, new int[] {0}), 'a');
    checkBinary("scalar a", op, run, left(op, 9, dtype, 1), new View(0, new int[] {0}), b, new View(0, new int[] {1}), 'b');
    checkBinary("row vector", op, matrix, a, contiguous, right(op, 10, dtype, c), new View(0, new int[] {0, 1}), 'a');
    checkBinary("column vector", op, matrix, a, contiguous, right(op, 11, dtype, r), new View(0, new int[] {1, 0}), 'a');
    // a stored [c, r] and read transposed: element (i, j) is a[j, i].
    checkBinary("transposed a", op, matrix, left(op, 12, dtype, c, r), new View(0, new int[] {1, r}), b, contiguous, 'b');
  }

  static Stream<Arguments> opAndDtype() {
    return Stream.of(BinaryOp.values()).flatMap(op -> Stream.of(DType.values()).map(d -> Arguments.of(op, d)));
  }

  /** Operands that start past element 0 of their storage, which core's tensors never do yet. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("opAndDtype")
  @Kernel("binary")
  void binaryHonoursAnOperandsOffset(BinaryOp op, DType dtype) {
    int[] shape = {2, 3, 5};
    // a from element 7 of a longer storage, b a [3, 5] block repeated along the first axis.
    checkBinary("offset a", op, shape, left(op, 13, dtype, 7 + 30 + 2), new View(7, new int[] {15, 5, 1}),
        right(op, 14, dtype, 3, 5), new View(0, new int[] {0, 5, 1}), 'n');
    // b a [2, 1, 5] block from element 4, repeated along the middle axis; a contiguous.
    checkBinary("offset b", op, shape, left(op, 15, dtype, 2, 3, 5), View.contiguous(shape),
        right(op, 16, dtype, 4 + 10), new View(4, new int[] {5, 0, 1}), 'a');
    // One run of equal shapes, the layout backends vectorize first, but from element 3.
    checkBinary("offset run", op, new int[] {37}, left(op, 17, dtype, 40), new View(3, new int[] {1}),
        right(op, 18, dtype, 37), new View(0, new int[] {1}), 'n');
  }

  /**
   * One layout: the backend's {@code binary} into a fresh output, and into {@code a} or {@code b}
   * itself when {@code alias} is {@code 'a'} or {@code 'b'} (that operand must be contiguous).
   */
  private void checkBinary(String layout, BinaryOp op, int[] shape, Tensor a, View av, Tensor b, View bv,
      char alias) {
    DType dtype = a.dtype();
    String context = where("binary " + op, dtype, shape) + " " + layout + " a " + av + " b " + bv;
    Tensor expected = oracleZeros(shape);
    oracle.binary(op, shape, exact(a), av, exact(b), bv, expected.storage());
    Tensor out = Tensors.zeros(backend(), dtype, shape);
    backend().binary(op, shape, a.storage(), av, b.storage(), bv, out.storage());
    Tolerance.assertClose(context, expected, out);
    if (alias == 'a' || alias == 'b') {
      Tensor target = (alias == 'a' ? a : b).copy();
      Storage aStorage = alias == 'a' ? target.storage() : a.storage();
      Storage bStorage = alias == 'b' ? target.storage() : b.storage();
      backend().binary(op, shape, aStorage, av, bStorage, bv, target.storage());
      Tolerance.assertClose(context + " out == " + alias, expected, target.reshape(shape));
    }
  }

  /** Small cases with the results written out, so that the oracle itself is checked too. */
  @ParameterizedTest
  @EnumSource(DType.class)
  @Kernel("binary")
  void binaryGivesTheWrittenOutValuesOfSmallLayouts(DType dtype) {
    Tensor m = Tensors.of(backend(), new double[] {1, 2, 3, 4, 5, 6}, dtype, 2, 3);
    Tensor mT = Tensors.of(backend(), new double[] {1, 4, 2, 5, 3, 6}, dtype, 3, 2);
    Tensor row = Tensors.of(backend(), new double[] {10, 20, 30}, dtype, 3);
    Tensor column = Tensors.of(backend(), new double[] {10, 20}, dtype, 2);
    Tensor one = Tensors.of(backend(), new double[] {1}, dtype, 1);
    Tensor padded = Tensors.of(backend(), new double[] {99, 99, 1, 2, 3, 4, 5, 6}, dtype, 8);
    int[] shape = {2, 3};
    View plain = View.contiguous(shape);
    checkValues("row vector", BinaryOp.ADD, m, plain, row, new View(0, new int[] {0, 1}), 11, 22, 33, 14, 25, 36);
    checkValues("column vector", BinaryOp.ADD, m, plain, column, new View(0, new int[] {1, 0}), 11, 12, 13, 24, 25, 26);
    checkValues("transposed a", BinaryOp.SUBTRACT, mT, new View(0, new int[] {1, 2}), one, new View(0, new int[] {0, 0}),
        0, 1, 2, 3, 4, 5);
    checkValues("scalar a", BinaryOp.SUBTRACT, one, new View(0, new int[] {0, 0}), m, plain, 0, -1, -2, -3, -4, -5);
    checkValues("offset a", BinaryOp.SUBTRACT, padded, new View(2, new int[] {3, 1}), m, plain, 0, 0, 0, 0, 0, 0);
  }

  private void checkValues(String layout, BinaryOp op, Tensor a, View av, Tensor b, View bv, double... want) {
    int[] shape = {2, 3};
    Tensor out = Tensors.zeros(backend(), a.dtype(), shape);
    backend().binary(op, shape, a.storage(), av, b.storage(), bv, out.storage());
    assertArrayEquals(want, out.toDoubleArray(), where("binary " + op, a.dtype(), shape) + " " + layout);
    Tensor fromOracle = oracleZeros(shape);
    oracle.binary(op, shape, exact(a), av, exact(b), bv, fromOracle.storage());
    assertArrayEquals(want, fromOracle.toDoubleArray(), "the oracle's binary " + op + " " + layout);
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
  @Kernel("binary")
  void broadcastingThroughCoreMatchesReference(DType dtype, int[] left, int[] right) {
    Tensor a = input(11, dtype, left);
    Tensor b = input(12, dtype, right);
    Tensor expected = ElementwiseOps.zip(BinaryOp.SUBTRACT, Inputs.forOracle(a), Inputs.forOracle(b));
    Tensor actual = ElementwiseOps.zip(BinaryOp.SUBTRACT, a, b);
    Tolerance.assertClose(
        backend().name() + " broadcast " + dtype.label() + Shapes.format(left) + " - "
            + Shapes.format(right), expected, actual);
  }

  static Stream<Arguments> binaryScalarCases() {
    return Stream.of(BinaryOp.values())
        .flatMap(op -> dtypeAndShape().map(a -> Arguments.of(op, a.get()[0], a.get()[1])));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("binaryScalarCases")
  @Kernel("binaryScalar")
  void binaryScalarMatchesReference(BinaryOp op, DType dtype, int[] shape) {
    int n = Shapes.size(shape);
    Tensor a = left(op, 6, dtype, shape);
    // Not a float32 number: the scalar stays in double, or rounds only where that changes nothing.
    double scalar = op == BinaryOp.POWER ? 1.7 : -1.3;
    Tensor expected = Inputs.forOracle(a);
    oracle.binaryScalar(op, n, expected.storage(), scalar, expected.storage());
    Tensor out = a.zerosLike();
    backend().binaryScalar(op, n, a.storage(), scalar, out.storage());
    Tolerance.assertClose(where("binaryScalar " + op, dtype, shape), expected, out);
    backend().binaryScalar(op, n, a.storage(), scalar, a.storage());
    Tolerance.assertClose(where("binaryScalar " + op + " in place", dtype, shape), expected, a);
  }

  static Stream<Arguments> ternaryCases() {
    return Stream.of(TernaryOp.values())
        .flatMap(op -> dtypeAndShape().map(a -> Arguments.of(op, a.get()[0], a.get()[1])));
  }

  /**
   * Operands as the backward passes have them: an input x (every third element 0, where ReLU's
   * derivative and {@code where}'s condition switch), an output y in [0, 1) and a gradient g.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("ternaryCases")
  @Kernel("ternary")
  void ternaryMatchesReferenceIntoAnyOperand(TernaryOp op, DType dtype, int[] shape) {
    int n = Shapes.size(shape);
    Tensor x = input(17, dtype, shape);
    for (int i = 0; i < n; i += 3) {
      x.setFlat(i, 0);
    }
    Tensor y = Inputs.uniform(backend(), 18, 0, 1, dtype, shape);
    Tensor g = input(19, dtype, shape);
    Tensor expected = oracleZeros(shape);
    oracle.ternary(op, n, exact(x), exact(y), exact(g), expected.storage());
    Tensor out = x.zerosLike();
    backend().ternary(op, n, x.storage(), y.storage(), g.storage(), out.storage());
    Tolerance.assertClose(where("ternary " + op, dtype, shape), expected, out);
    for (int into = 0; into < 3; into++) {
      Tensor[] operands = {x.copy(), y.copy(), g.copy()};
      backend().ternary(op, n, operands[0].storage(), operands[1].storage(), operands[2].storage(),
          operands[into].storage());
      Tolerance.assertClose(where("ternary " + op + " into operand " + into, dtype, shape), expected,
          operands[into]);
    }
  }

  // ---- Helpers ----------------------------------------------------------------------------------

  /** The oracle's storage of |t|, elementwise, in float64. */
  static Storage absolute(Tensor t) {
    Tensor abs = Inputs.forOracle(t);
    for (int i = 0; i < abs.size(); i++) {
      abs.setFlat(i, Math.abs(abs.getFlat(i)));
    }
    return abs.storage();
  }
}
