package io.nabla.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.Backend;
import io.nabla.backend.ConvGeometry;
import io.nabla.backend.DType;
import io.nabla.backend.HeapStorage;
import io.nabla.backend.ReduceOp;
import io.nabla.backend.Storage;
import io.nabla.backend.View;
import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backend conformance suite (TCK): every kernel of {@link Backend}, called directly on
 * tensors' storage with explicit sizes, in both dtypes, on odd, 1xN, Nx1 and zero-size shapes,
 * with transposed, broadcast, offset and gathered views, compared with {@link ReferenceBackend}
 * run in float64 (copies are compared exactly). A backend module runs it with a one-line subclass
 * that returns its backend. Failure messages name the backend, kernel, dtype and shape. The
 * arithmetic kernels are in {@link ArithmeticConformance}; memory, copies, reductions and softmax
 * here.
 */
public abstract class BackendConformanceSuite extends ArithmeticConformance {

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
    assertTrue(kernels.size() >= 13, "found only " + kernels + " in the SPI");
  }

  @Test
  void aWarmUpAndTheWaitForItChangeNoResult() {
    for (DType dtype : DType.values()) {
      SeededRandom random = new SeededRandom(3);
      Tensor a = Tensors.randomUniform(backend(), random, -1, 1, dtype, 7, 33);
      Tensor b = Tensors.randomUniform(backend(), random, -1, 1, dtype, 33, 50);
      double[] before = MatrixOps.matmul(a, b).toDoubleArray();
      backend().warmUp(dtype);
      assertTimeoutPreemptively(Duration.ofMinutes(2),
          () -> backend().awaitWarmUp(dtype), "awaitWarmUp(" + dtype + ") did not return");
      assertArrayEquals(before, MatrixOps.matmul(a, b).toDoubleArray());
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
    double[] expected = Inputs.forOracle(input(41, dtype, shape)).toDoubleArray();
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
    assertArrayEquals(Inputs.forOracle(here).toDoubleArray(), Inputs.forOracle(here.on(oracle)).toDoubleArray(),
        where("on", dtype, shape) + ": there and back");
    Tensor copy = here.copy();
    if (copy.size() > 0) {
      copy.setFlat(0, 12345);
      assertTrue(here.getFlat(0) != 12345, where("copy", dtype, shape) + " is independent");
    }
    Tensor view = here.reshape(-1);
    assertTrue(view.sharesStorageWith(here), where("reshape", dtype, shape) + " is a view");
  }

  /**
   * Storage the backend allocates can be closed, twice too; off the heap, where closing frees the
   * memory at once, every later use must fail with a message saying so rather than read freed
   * memory. (Heap storage leaves its array to the garbage collector and ignores the call.)
   */
  @ParameterizedTest(name = "{0} length={1}")
  @MethodSource("closeCases")
  @Kernel("allocate")
  void allocatedStorageClosesOnceOrTwiceAndIsNotUsedAfterwards(DType dtype, int length) {
    String context = where("allocate", dtype, new int[] {length}) + " then close";
    Storage storage = backend().allocate(dtype, length);
    if (length > 0) {
      storage.set(0, 1.5);
    }
    assertDoesNotThrow(storage::close, context);
    assertDoesNotThrow(storage::close, context + " twice");
    if (storage instanceof HeapStorage || length == 0) {
      return; // heap storage keeps working; storage of no elements has no element to use
    }
    Storage other = backend().allocate(dtype, length);
    List<Consumer<Storage>> uses = List.of(
        s -> s.get(0), s -> s.set(0, 2), s -> s.read(0, new float[1], 0, 1), s -> s.read(0, new double[1], 0, 1),
        s -> s.write(0, new float[1], 0, 1), s -> s.write(0, new double[1], 0, 1),
        s -> s.copyFrom(other, 0, 0, 1), s -> other.copyFrom(s, 0, 0, 1));
    String[] names = {"get", "set", "read float", "read double", "write float", "write double", "copyFrom into",
        "copyFrom out of"};
    for (int i = 0; i < uses.size(); i++) {
      Consumer<Storage> use = uses.get(i);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> use.accept(storage),
          context + ": " + names[i] + " after close");
      assertTrue(e.getMessage() != null && e.getMessage().contains("closed"),
          context + ": " + names[i] + " after close says why: " + e.getMessage());
    }
    other.close();
  }

  static Stream<Arguments> closeCases() {
    return Stream.of(DType.values()).flatMap(d -> Stream.of(Arguments.of(d, 0), Arguments.of(d, 1), Arguments.of(d, 12)));
  }

  // ---- Copy -------------------------------------------------------------------------------------

  /** A transpose, broadcasts along rows, columns and both, and an offset view of a matrix. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dtypeAndMatrix")
  @Kernel("copy")
  void copyTransposesBroadcastsAndReadsFromAnOffset(DType dtype, int[] matrix) {
    int r = matrix[0];
    int c = matrix[1];
    checkCopy("transpose", new int[] {c, r}, input(30, dtype, r, c), new View(0, new int[] {1, c}), null);
    checkCopy("broadcast row", matrix, input(31, dtype, c), new View(0, new int[] {0, 1}), null);
    checkCopy("broadcast column", matrix, input(32, dtype, r), new View(0, new int[] {1, 0}), null);
    checkCopy("broadcast scalar", matrix, input(33, dtype, 1), new View(0, new int[] {0, 0}), null);
    checkCopy("offset view", matrix, input(34, dtype, 4 + r * c), new View(4, View.rowMajorStrides(matrix)), null);
    checkCopy("broadcast middle axis", new int[] {r, 3, c}, input(35, dtype, r, 1, c),
        new View(0, new int[] {c, 0, 1}), null);
  }

  static Stream<Arguments> permuteCases() {
    int[][] shapes = {{2, 3, 4}, {3, 1, 5}, {1, 7, 2}, {5, 4, 9}, {0, 2, 3}, {4, 3, 0}};
    int[][] axes = {{2, 0, 1}, {1, 2, 0}, {0, 2, 1}, {2, 1, 0}};
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (int[] shape : shapes) {
        for (int[] a : axes) {
          cases.add(Arguments.of(dtype, shape, a));
        }
      }
    }
    return cases.stream();
  }

  /** Axis i of the result is axis {@code axes[i]} of the source, as NumPy's transpose(axes). */
  @ParameterizedTest(name = "{0} {1} axes={2}")
  @MethodSource("permuteCases")
  @Kernel("copy")
  void copyPermutesRank3(DType dtype, int[] shape, int[] axes) {
    int[] strides = View.rowMajorStrides(shape);
    int[] permuted = new int[3];
    int[] permutedStrides = new int[3];
    for (int i = 0; i < 3; i++) {
      permuted[i] = shape[axes[i]];
      permutedStrides[i] = strides[axes[i]];
    }
    checkCopy("permute " + Arrays.toString(axes), permuted, input(36, dtype, shape),
        new View(0, permutedStrides), null);
  }

  static Stream<Arguments> gatherCases() {
    int[][] shapes = {{5, 3}, {1, 17}, {17, 1}, {6}, {4, 3, 2}, {3, 0}};
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (int[] shape : shapes) {
        cases.add(Arguments.of(dtype, shape));
      }
    }
    return cases.stream();
  }

  /**
   * The rows of a mini-batch ({@code rows} replaces the first index), of rank 1, 2 and 3:
   * repeated and out of order, none, and from an offset view and a transposed one.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("gatherCases")
  @Kernel("copy")
  void copyGathersRows(DType dtype, int[] shape) {
    int rows = shape[0];
    int rowSize = Shapes.size(shape) / rows;
    int[] batch = {rows - 1, 0, rows - 1, rows / 2, 0};
    int[] gathered = shape.clone();
    gathered[0] = batch.length;
    Tensor x = input(37, dtype, shape);
    View rowMajor = View.contiguous(shape);
    checkCopy("gather", gathered, x, rowMajor, batch);
    int[] none = shape.clone();
    none[0] = 0;
    checkCopy("gather of no rows", none, x, rowMajor, new int[0]);
    // The same rows from 3 elements into a longer storage.
    Tensor padded = input(38, dtype, 3 + Shapes.size(shape) + 2);
    checkCopy("gather from an offset", gathered, padded, new View(3, rowMajor.strides()), batch);
    if (shape.length == 2 && rowSize > 0) {
      // Columns of the matrix as the rows of its transpose: a gather with a strided last axis.
      int[] columns = {rowSize - 1, 0, rowSize / 2};
      checkCopy("gather of the transpose's rows", new int[] {columns.length, rows}, x,
          new View(0, new int[] {1, rowSize}), columns);
    }
  }

  /** Small cases with the results written out, so that the oracle itself is checked too. */
  @ParameterizedTest
  @EnumSource(DType.class)
  @Kernel("copy")
  void copyGivesTheWrittenOutValuesOfSmallCases(DType dtype) {
    Tensor m = Tensors.of(backend(), new double[] {1, 2, 3, 4, 5, 6}, dtype, 2, 3);
    checkCopyValues("transpose", new int[] {3, 2}, m, new View(0, new int[] {1, 3}), null, 1, 4, 2, 5, 3, 6);
    checkCopyValues("broadcast row", new int[] {2, 3}, m, new View(0, new int[] {0, 1}), null, 1, 2, 3, 1, 2, 3);
    checkCopyValues("offset view", new int[] {2, 2}, m, new View(2, new int[] {2, 1}), null, 3, 4, 5, 6);
    checkCopyValues("gather", new int[] {3, 2}, m.reshape(3, 2), new View(0, new int[] {2, 1}), new int[] {2, 0, 2},
        5, 6, 1, 2, 5, 6);
    checkCopyValues("gather rank 1", new int[] {2}, m, new View(0, new int[] {1}), new int[] {3, 1}, 4, 2);
    checkCopyValues("gather from an offset", new int[] {2, 2}, m, new View(1, new int[] {3, 1}), new int[] {1, 0},
        5, 6, 2, 3);
  }

  private void checkCopyValues(String what, int[] shape, Tensor src, View view, int[] rows, double... want) {
    Storage dst = backend().allocate(src.dtype(), want.length);
    backend().copy(shape, src.storage(), view, rows, dst, 0);
    assertArrayEquals(want, read(dst), where("copy", src.dtype(), shape) + " " + what);
    Storage fromOracle = oracle.allocate(DType.FLOAT64, want.length);
    oracle.copy(shape, exact(src), view, rows, fromOracle, 0);
    assertArrayEquals(want, read(fromOracle), "the oracle's copy " + what);
  }

  /**
   * One copy, exactly as the oracle makes it: into storage of its own size, and from element 5 of
   * a longer one, whose elements before and after must keep their values.
   */
  private void checkCopy(String what, int[] shape, Tensor src, View view, int[] rows) {
    DType dtype = src.dtype();
    String context = where("copy " + what, dtype, shape) + " " + view
        + (rows == null ? "" : " rows " + Arrays.toString(rows));
    int total = Shapes.size(shape);
    Storage fromOracle = oracle.allocate(DType.FLOAT64, total);
    oracle.copy(shape, exact(src), view, rows, fromOracle, 0);
    double[] want = read(fromOracle);
    Storage dst = backend().allocate(dtype, total);
    backend().copy(shape, src.storage(), view, rows, dst, 0);
    assertArrayEquals(want, read(dst), context);
    dst.close();

    int before = 5;
    double[] around = new double[before + total + 3];
    Arrays.fill(around, -99.5);
    Storage wide = backend().allocate(dtype, around.length);
    wide.write(0, around, 0, around.length);
    backend().copy(shape, src.storage(), view, rows, wide, before);
    System.arraycopy(want, 0, around, before, total);
    assertArrayEquals(around, read(wide), context + " at dstOffset " + before + " (-99.5 must stay around it)");
    wide.close();
  }

  private static double[] read(Storage s) {
    double[] values = new double[s.length()];
    s.read(0, values, 0, values.length);
    return values;
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
    Tensor expected = oracleZeros(outer, inner);
    oracle.reduce(op, outer, length, inner, exact(x), expected.storage());
    Tensor out = x.zerosLike(outer, inner);
    backend().reduce(op, outer, length, inner, x.storage(), out.storage());
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
    oracle.argmax(outer, length, inner, exact(x), expected);
    int[] actual = new int[outer * inner];
    backend().argmax(outer, length, inner, x.storage(), actual);
    assertArrayEquals(expected, actual, where("argmax", dtype, shape));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  @Kernel("argmax")
  void argmaxPicksTheFirstNanAsNumPyDoes(DType dtype) {
    // Rows of [3, 4]: a NaN after the max, a NaN first, two NaNs, and none.
    double nan = Double.NaN;
    Tensor x = Tensors.of(backend(), new double[] {1, 5, nan, 2, nan, 9, 1, 1, 0, nan, 3, nan, 4, 4, 1, 0},
        dtype, 4, 4);
    int[] actual = new int[4];
    backend().argmax(4, 4, 1, x.storage(), actual);
    assertArrayEquals(new int[] {2, 0, 1, 0}, actual, where("argmax", dtype, x.shape()) + " with NaN");
  }

  // ---- Softmax ----------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dtypeAndShape")
  @Kernel("softmaxRows")
  void softmaxRowsMatchesReference(DType dtype, int[] shape) {
    checkSoftmax(dtype, shape, input(15, dtype, shape), "softmaxRows");
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  @Kernel("softmaxRows")
  void softmaxRowsIsStableForInputsUpTo1e4(DType dtype) {
    int[] shape = {6, 10};
    checkSoftmax(dtype, shape, Inputs.uniform(backend(), 16, -1e4, 1e4, dtype, shape), "softmaxRows large inputs");
  }

  /** Rows along the last axis, as core's softmax calls the kernel; out of place, then in place. */
  private void checkSoftmax(DType dtype, int[] shape, Tensor x, String kernel) {
    int n = shape[shape.length - 1];
    int rows = n == 0 ? 0 : Shapes.size(shape) / n;
    Tensor expected = Inputs.forOracle(x);
    oracle.softmaxRows(rows, n, expected.storage(), expected.storage());
    Tensor out = x.zerosLike();
    backend().softmaxRows(rows, n, x.storage(), out.storage());
    Tolerance.assertClose(where(kernel, dtype, shape), expected, out);
    backend().softmaxRows(rows, n, x.storage(), x.storage());
    Tolerance.assertClose(where(kernel + " in place", dtype, shape), expected, x);
  }

  // ---- Windows of convolutions ------------------------------------------------------------------

  static Stream<Arguments> windowCases() {
    // batch, channels, height, width, kernel height, kernel width, stride, padding
    int[][] geometries = {
        {1, 1, 3, 3, 2, 2, 1, 0}, {2, 3, 5, 6, 3, 3, 1, 1}, {2, 2, 7, 7, 3, 2, 2, 1}, {3, 1, 4, 4, 4, 4, 1, 0},
        {1, 2, 5, 5, 1, 1, 3, 0}, {0, 2, 4, 4, 2, 2, 1, 0}, {1, 1, 2, 2, 3, 3, 1, 1}, {2, 3, 28, 28, 5, 5, 1, 0},
        {1, 4, 9, 8, 3, 3, 2, 2}, {1, 2, 2, 3, 4, 4, 1, 1}, {2, 1, 5, 5, 3, 3, 3, 2}};
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (int[] c : geometries) {
        cases.add(Arguments.of(dtype, new ConvGeometry(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("windowCases")
  @Kernel("im2col")
  void im2colMatchesReference(DType dtype, ConvGeometry g) {
    Tensor images = input(17, dtype, g.batch(), g.channels(), g.height(), g.width());
    Tensor expected = oracleZeros(g.windowSize(), g.windows());
    oracle.im2col(g, exact(images), expected.storage());
    Tensor columns = Tensors.full(backend(), Double.NaN, dtype, g.windowSize(), g.windows()); // every cell written
    backend().im2col(g, images.storage(), columns.storage());
    assertArrayEquals(expected.toDoubleArray(), columns.toDoubleArray(), "im2col " + dtype + " " + g);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("windowCases")
  @Kernel("convolve")
  void convolveMatchesTheDefinitionOrWritesNothing(DType dtype, ConvGeometry g) {
    int plane = g.outHeight() * g.outWidth();
    // One filter, filters that leave a tile's rows partly empty (7, 13), SimpleConvNet's 30.
    for (int filters : new int[] {1, 7, 13, 30}) {
      for (boolean withBias : new boolean[] {true, false}) {
        String context = "convolve " + dtype + " " + g + " filters " + filters + (withBias ? " with bias" : "");
        Tensor images = input(23, dtype, g.batch(), g.channels(), g.height(), g.width());
        Tensor weights = input(24 + filters, dtype, filters, g.windowSize());
        Tensor bias = input(25, dtype, filters);
        Tensor out = Tensors.full(backend(), Double.NaN, dtype, g.batch(), filters, g.outHeight(), g.outWidth());
        if (!backend().convolve(g, filters, images.storage(), weights.storage(),
            withBias ? bias.storage() : null, out.storage())) {
          for (int i = 0; i < out.size(); i++) {
            assertTrue(Double.isNaN(out.getFlat(i)), context + ": declined, yet wrote element " + i);
          }
          continue;
        }
        // The definition in float64: each output a dot product of windowSize terms, plus the bias.
        Tensor columns = oracleZeros(g.windowSize(), g.windows());
        oracle.im2col(g, exact(images), columns.storage());
        Tensor sums = oracleZeros(filters, g.windows());
        oracle.gemm(false, false, filters, g.windows(), g.windowSize(), 1, exact(weights), columns.storage(), 0, sums.storage());
        Tensor absoluteColumns = oracleZeros(g.windowSize(), g.windows());
        oracle.im2col(g, absolute(images), absoluteColumns.storage());
        Tensor magnitude = oracleZeros(filters, g.windows());
        oracle.gemm(false, false, filters, g.windows(), g.windowSize(), 1, absolute(weights), absoluteColumns.storage(), 0,
            magnitude.storage());
        Tensor expected = oracleZeros(g.batch(), filters, g.outHeight(), g.outWidth());
        double u = Tolerance.unitRoundoff(dtype);
        double[] bound = new double[expected.size()];
        for (int n = 0, i = 0; n < g.batch(); n++) {
          for (int f = 0; f < filters; f++) {
            double b = withBias ? bias.getFlat(f) : 0;
            for (int p = 0; p < plane; p++, i++) {
              int at = f * g.windows() + n * plane + p;
              expected.setFlat(i, sums.getFlat(at) + b);
              bound[i] = 2 * (g.windowSize() + 2) * u * (magnitude.getFlat(at) + Math.abs(b));
            }
          }
        }
        Tolerance.assertClose(context, expected, out, Tolerance.absolute(dtype), 0, bound);
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("windowCases")
  @Kernel("col2im")
  void col2imMatchesReference(DType dtype, ConvGeometry g) {
    Tensor columns = input(18, dtype, g.windowSize(), g.windows());
    Tensor expected = oracleZeros(g.batch(), g.channels(), g.height(), g.width());
    oracle.col2im(g, exact(columns), expected.storage());
    Tensor images = Tensors.full(backend(), Double.NaN, dtype, g.batch(), g.channels(), g.height(), g.width());
    backend().col2im(g, columns.storage(), images.storage());
    // A pixel sums at most kernelHeight * kernelWidth terms.
    double u = Tolerance.unitRoundoff(dtype);
    double[] bound = new double[images.size()];
    int terms = g.kernelHeight() * g.kernelWidth();
    Arrays.fill(bound, 2 * (terms + 1) * u * terms);
    Tolerance.assertClose("col2im " + dtype + " " + g, expected, images,
        Tolerance.absolute(dtype), Tolerance.relative(dtype), bound);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  @Kernel({"im2col", "col2im"})
  void windowsGiveTheWrittenOutValuesOfSmallCases(DType dtype) {
    Tensor image = Tensors.of(backend(), new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, dtype, 1, 1, 3, 3);
    ConvGeometry twoByTwo = new ConvGeometry(1, 1, 3, 3, 2, 2, 1, 0);
    Storage columns = backend().allocate(dtype, 16);
    backend().im2col(twoByTwo, image.storage(), columns);
    assertArrayEquals(new double[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, read(columns),
        "im2col 2x2 windows of 1..9");
    ConvGeometry framed = new ConvGeometry(1, 1, 3, 3, 2, 2, 2, 1);
    backend().im2col(framed, image.storage(), columns);
    // Row (i, j) of the columns: the pixel at offset (i, j) of each of the four windows.
    assertArrayEquals(new double[] {0, 0, 0, 5, 0, 0, 4, 6, 0, 2, 0, 8, 1, 3, 7, 9}, read(columns),
        "im2col 2x2 windows, stride 2, padding 1");
    // col2im of ones counts the windows that cover each pixel.
    backend().fill(16, columns, 1);
    Storage counts = backend().allocate(dtype, 9);
    backend().col2im(twoByTwo, columns, counts);
    assertArrayEquals(new double[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, read(counts), "col2im of ones, 2x2 windows");
    backend().col2im(framed, columns, counts);
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, read(counts), "col2im of ones, stride 2, padding 1");
  }

  static Stream<Arguments> poolCases() {
    // batch, channels, height, width, window height, window width, stride, padding
    int[][] geometries = {
        {1, 1, 4, 4, 2, 2, 2, 0}, {2, 3, 24, 24, 2, 2, 2, 0}, {2, 2, 7, 7, 3, 3, 2, 0}, {1, 2, 6, 5, 3, 2, 1, 1},
        {3, 1, 5, 5, 5, 5, 1, 0}, {0, 2, 4, 4, 2, 2, 2, 0}, {1, 1, 3, 3, 2, 2, 1, 1},
        {1, 2, 6, 70, 2, 2, 2, 0}, // rows of 35 windows: whole vectors of them, and a tail
        // 2x2 windows taken a vector of pixels at a time (SimdFloatPooling): rows of fewer windows
        // than a vector holds, 15 planes; stride 1; stride 3; an odd height at stride 2; one row
        // of 65539 windows (many vectors, then a part of one); in every case the windows near the
        // end, whose vectors would read past the images, take the plain rule
        {3, 5, 8, 7, 2, 2, 2, 0}, {2, 3, 9, 10, 2, 2, 1, 0}, {2, 3, 9, 11, 2, 2, 3, 0},
        {2, 3, 7, 8, 2, 2, 2, 0}, {1, 1, 2, 131078, 2, 2, 2, 0}};
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (int[] c : geometries) {
        cases.add(Arguments.of(dtype, new ConvGeometry(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("poolCases")
  @Kernel("maxPool")
  void maxPoolMatchesReferenceAndPicksTheFirstOfTies(DType dtype, ConvGeometry g) {
    Tensor images = input(19, dtype, g.batch(), g.channels(), g.height(), g.width());
    for (int i = 0; i < images.size(); i++) {
      images.setFlat(i, Math.floor(images.getFlat(i) * 2)); // few distinct values: many ties
    }
    for (int i = 7; i < images.size(); i += 211) {
      images.setFlat(i, Double.NaN); // a NaN wins its window
    }
    int outputs = g.batch() * g.channels() * g.outHeight() * g.outWidth();
    Tensor expected = oracleZeros(outputs);
    int[] expectedIndex = new int[outputs];
    oracle.maxPool(g, exact(images), expected.storage(), expectedIndex);
    Tensor out = Tensors.full(backend(), Double.NaN, dtype, outputs);
    int[] index = new int[outputs];
    backend().maxPool(g, images.storage(), out.storage(), index);
    assertArrayEquals(expected.toDoubleArray(), out.toDoubleArray(), "maxPool " + dtype + " " + g);
    assertArrayEquals(expectedIndex, index, "maxPool indices " + dtype + " " + g);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  @Kernel("maxPool")
  void maxPoolGivesTheWrittenOutValuesAndTheFirstNan(DType dtype) {
    double nan = Double.NaN;
    // Two 2x2 windows side by side in a 2x4 image: a tie of 3s, then a NaN after the maximum.
    Tensor image = Tensors.of(backend(), new double[] {3, 1, 5, nan, 0, 3, 2, 1}, dtype, 1, 1, 2, 4);
    Storage out = backend().allocate(dtype, 2);
    int[] index = new int[2];
    backend().maxPool(new ConvGeometry(1, 1, 2, 4, 2, 2, 2, 0), image.storage(), out, index);
    assertEquals(3, out.get(0), "maxPool of [3, 1; 0, 3]");
    assertTrue(Double.isNaN(out.get(1)), "maxPool of [5, NaN; 2, 1]");
    assertArrayEquals(new int[] {0, 3}, index, "the first maximum and the NaN");
    // 3x3 windows (the general path) over a 3x4 image, stride 1: NaNs at 5 and 6, after a larger 9.
    Tensor wide = Tensors.of(backend(), new double[] {1, 9, 2, 0, 4, nan, nan, 8, 3, 7, 6, 5}, dtype, 1, 1, 3, 4);
    backend().maxPool(new ConvGeometry(1, 1, 3, 4, 3, 3, 1, 0), wide.storage(), out, index);
    assertTrue(Double.isNaN(out.get(0)) && Double.isNaN(out.get(1)), "maxPool of windows holding NaNs");
    assertArrayEquals(new int[] {5, 5}, index, "the first NaN of each 3x3 window, in row order");
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  @Kernel("scatterAdd")
  void scatterAddAddsEachElementWhereItsIndexSaysInOrder(DType dtype) {
    Tensor src = input(20, dtype, 50);
    int[] index = new int[50];
    for (int i = 0; i < 50; i++) {
      index[i] = (i * 7) % 13; // every target reached several times
    }
    Tensor dst = input(21, dtype, 13);
    Tensor expected = Inputs.forOracle(dst);
    oracle.scatterAdd(50, exact(src), index, expected.storage());
    backend().scatterAdd(50, src.storage(), index, dst.storage());
    double u = Tolerance.unitRoundoff(dtype);
    double[] bound = new double[13];
    Arrays.fill(bound, 2 * 6 * u * 6);
    Tolerance.assertClose("scatterAdd " + dtype, expected, dst, Tolerance.absolute(dtype), Tolerance.relative(dtype),
        bound);
    Storage single = backend().allocate(dtype, 3);
    backend().scatterAdd(2, Tensors.of(backend(), new double[] {0.5, 2}, dtype, 2).storage(), new int[] {2, 2}, single);
    assertArrayEquals(new double[] {0, 0, 2.5}, read(single), "scatterAdd of 0.5 and 2 into element 2");
  }
}
