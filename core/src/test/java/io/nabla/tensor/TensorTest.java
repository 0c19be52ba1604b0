package io.nabla.tensor;

import io.nabla.backend.DType;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Creation, element access, views, copies and arithmetic of tensors, in both dtypes. */
class TensorTest {

  private static Tensor m(DType dtype, double[][] rows) {
    return Tensors.matrix(dtype, rows);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void creationAndElementAccess(DType dtype) {
    Tensor t = Tensors.zeros(dtype, 2, 3, 4);
    assertEquals(3, t.rank());
    assertEquals(24, t.size());
    assertArrayEquals(new int[] {2, 3, 4}, t.shape());
    t.set(5.5, 1, 2, 3);
    assertEquals(5.5, t.get(1, 2, 3));
    assertEquals(5.5, t.getFlat(23));
    assertEquals(0, Tensors.scalar(7, dtype).rank());
    assertEquals(7, Tensors.scalar(7, dtype).item());
    assertEquals(dtype.round(0.1), Tensors.full(0.1, dtype, 3).get(2));
    assertEquals(4, Tensors.ones(dtype, 2, 2).sum());
    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0, 0));
    assertEquals("index [2, 0, 0] is out of range for shape [2, 3, 4]", e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> t.get(1, 2));
    ShapeMismatchException wrongCount =
        assertThrows(ShapeMismatchException.class, () -> Tensors.of(new double[5], dtype, 2, 3));
    assertEquals("of: 5 values do not fill shape [2, 3] of 6 elements", wrongCount.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensors.zeros(dtype, 2, -1));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void reshapeIsAViewAndTransposeACopy(DType dtype) {
    Tensor t = Tensors.of(new double[] {1, 2, 3, 4, 5, 6}, dtype, 2, 3);
    Tensor view = t.reshape(3, -1);
    assertArrayEquals(new int[] {3, 2}, view.shape());
    view.set(60, 2, 1);
    assertEquals(60, t.get(1, 2), "reshape shares storage");
    assertThrows(ShapeMismatchException.class, () -> t.reshape(4, -1));
    assertThrows(ShapeMismatchException.class, () -> t.reshape(-1, -1));

    Tensor tr = t.transpose();
    assertArrayEquals(new int[] {3, 2}, tr.shape());
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 60}, tr.toDoubleArray());
    tr.set(0, 0, 0);
    assertEquals(1, t.get(0, 0), "transpose copies");

    Tensor cube = Tensors.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, dtype, 2, 2, 2);
    // NumPy: np.arange(8).reshape(2,2,2).transpose(2,0,1).ravel() = [0,2,4,6,1,3,5,7]
    assertArrayEquals(new double[] {0, 2, 4, 6, 1, 3, 5, 7}, cube.permute(2, 0, 1).toDoubleArray());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void broadcastingFollowsNumpy(DType dtype) {
    Tensor x = m(dtype, new double[][] {{1, 2, 3}, {4, 5, 6}});
    Tensor row = Tensors.vector(dtype, 10, 20, 30);
    Tensor column = m(dtype, new double[][] {{100}, {200}});
    assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, x.add(row).toDoubleArray());
    assertArrayEquals(new double[] {101, 102, 103, 204, 205, 206}, x.add(column).toDoubleArray());
    assertArrayEquals(new double[] {9, 18, 27, 6, 15, 24}, row.sub(x).toDoubleArray());
    assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, x.mul(2).toDoubleArray());
    assertArrayEquals(new double[] {-1, -2, -3, -4, -5, -6}, Tensors.scalar(0, dtype).sub(x).toDoubleArray());
    // [2,1] + [3] -> [2,3], an outer sum.
    assertArrayEquals(new double[] {110, 120, 130, 210, 220, 230},
        column.add(row).toDoubleArray());
    ShapeMismatchException e =
        assertThrows(ShapeMismatchException.class, () -> x.add(Tensors.vector(dtype, 1, 2)));
    assertEquals("add: shapes [2, 3] and [2] cannot be broadcast together: dimension 3 vs 2",
        e.getMessage());
    ShapeMismatchException inPlace =
        assertThrows(ShapeMismatchException.class, () -> row.addi(x));
    assertTrue(inPlace.getMessage().contains("the output has shape [3]"), inPlace.getMessage());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void inPlaceOperationsUpdateThisTensor(DType dtype) {
    Tensor w = Tensors.vector(dtype, 1, 2, 3);
    Tensor same = w.addi(Tensors.vector(dtype, 1, 1, 1)).muli(2).subi(Tensors.scalar(1, dtype));
    assertTrue(same == w);
    assertArrayEquals(new double[] {3, 5, 7}, w.toDoubleArray());
    w.addScaledi(-0.5, Tensors.vector(dtype, 2, 2, 2));
    assertArrayEquals(new double[] {2, 4, 6}, w.toDoubleArray());
    w.divi(Tensors.vector(dtype, 2, 4, 6)).addi(1);
    assertArrayEquals(new double[] {2, 2, 2}, w.toDoubleArray());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void elementwiseFunctions(DType dtype) {
    Tensor x = Tensors.vector(dtype, 0, 1, 4);
    assertArrayEquals(new double[] {0, 1, 2}, x.sqrt().toDoubleArray());
    assertArrayEquals(new double[] {0, 1, 16}, x.pow(2).toDoubleArray());
    assertArrayEquals(new double[] {0.5, dtype.round(1 / (1 + Math.exp(-1))),
        dtype.round(1 / (1 + Math.exp(-4)))}, x.sigmoid().toDoubleArray());
    assertArrayEquals(new double[] {1, dtype.round(Math.E), dtype.round(Math.exp(4))},
        x.exp().toDoubleArray());
    assertEquals(Double.NEGATIVE_INFINITY, x.log().get(0));
    assertArrayEquals(new double[] {0, 0, 3}, Tensors.vector(dtype, -2, 0, 3).relu().toDoubleArray());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void reductions(DType dtype) {
    Tensor x = m(dtype, new double[][] {{1, 9, 3}, {4, 5, 9}});
    assertEquals(31, x.sum());
    assertEquals(31 / 6.0, x.mean(), 1e-6);
    assertEquals(9, x.max());
    assertEquals(1, x.argmax(), "the first of tied maxima");
    assertArrayEquals(new double[] {5, 14, 12}, x.sum(0).toDoubleArray());
    assertArrayEquals(new double[] {13, 18}, x.sum(-1).toDoubleArray());
    assertArrayEquals(new double[] {dtype.round(13 / 3.0), 6}, x.mean(1).toDoubleArray());
    assertArrayEquals(new double[] {4, 9, 9}, x.max(0).toDoubleArray());
    assertArrayEquals(new int[] {1, 2}, x.argmax(1));
    assertArrayEquals(new int[] {1, 0, 1}, x.argmax(0));
    assertArrayEquals(new int[] {2, 1}, ReductionOps.sum(x, 1, true).shape());
    assertEquals(0, Tensors.zeros(dtype, 0, 3).sum());
    assertThrows(IllegalArgumentException.class, () -> Tensors.zeros(dtype, 0).max());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.sum(2));
    assertEquals("sum: axis 2 is out of range for shape [2, 3]", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void matmulFollowsNumpyDotAndNamesBadShapes(DType dtype) {
    Tensor a = m(dtype, new double[][] {{1, 2}, {3, 4}, {5, 6}});
    Tensor b = m(dtype, new double[][] {{1, 0, 2}, {0, 1, 3}});
    Tensor ab = a.matmul(b);
    assertArrayEquals(new int[] {3, 3}, ab.shape());
    assertArrayEquals(new double[] {1, 2, 8, 3, 4, 18, 5, 6, 28}, ab.toDoubleArray());
    Tensor v = Tensors.vector(dtype, 1, 1);
    assertArrayEquals(new double[] {3, 7, 11}, a.matmul(v).toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 5}, v.matmul(b).toDoubleArray());
    assertEquals(2, v.matmul(v).item());
    assertEquals(0, v.matmul(v).rank());

    Tensor x = Tensors.zeros(dtype, 100, 784);
    Tensor w = Tensors.zeros(dtype, 50, 784);
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> x.matmul(w));
    assertEquals("matmul: [100, 784] x [50, 784]: inner dimensions 784 and 50 differ",
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void gemmChecksShapesAndAliasing(DType dtype) {
    Tensor a = Tensors.ones(dtype, 3, 4);
    Tensor b = Tensors.ones(dtype, 3, 5);
    Tensor c = Tensors.zeros(dtype, 4, 5);
    MatrixOps.gemm(true, false, 1, a, b, 0, c);
    assertEquals(3, c.get(3, 4));
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
        () -> MatrixOps.gemm(false, false, 1, a, b, 0, c));
    assertEquals("gemm: [3, 4] x [3, 5] -> [4, 5]: inner dimensions 4 and 3 differ", e.getMessage());
    assertThrows(ShapeMismatchException.class,
        () -> MatrixOps.gemm(true, false, 1, a, b, 0, Tensors.zeros(dtype, 5, 4)));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void mixingDtypesIsAnErrorThatNamesBoth(DType dtype) {
    DType other = dtype == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32;
    Tensor a = Tensors.ones(dtype, 2, 2);
    Tensor b = Tensors.ones(other, 2, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
    assertEquals("add: dtypes differ: " + a.describe() + " and " + b.describe()
        + " (convert one with asType)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
    assertEquals(other, a.asType(other).dtype());
    assertThrows(NullPointerException.class, () -> a.add((Tensor) null));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void rowsGatherAndSlice(DType dtype) {
    Tensor x = m(dtype, new double[][] {{1, 2}, {3, 4}, {5, 6}});
    assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6}, x.gatherRows(2, 0, 2).toDoubleArray());
    assertArrayEquals(new double[] {3, 4, 5, 6}, x.sliceRows(1, 3).toDoubleArray());
    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> x.gatherRows(0, 3));
    assertEquals("gatherRows: index 3 at position 1 is outside [0, 3)", e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> x.sliceRows(2, 4));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void oneHotAndSoftmax(DType dtype) {
    Tensor oneHot = Tensors.oneHot(new int[] {2, 0}, 3, dtype);
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, oneHot.toDoubleArray());
    assertThrows(IllegalArgumentException.class, () -> Tensors.oneHot(new int[] {3}, 3, dtype));
    Tensor big = Tensors.vector(dtype, 1010, 1000, 990);
    Tensor p = big.softmax();
    // NumPy: softmax([1010, 1000, 990]) = [9.99954600e-01, 4.53978686e-05, 2.06106005e-09]
    assertEquals(9.99954600e-01, p.get(0), 1e-6);
    assertEquals(4.53978686e-05, p.get(1), 1e-9);
    assertEquals(2.06106005e-09, p.get(2), 1e-13);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void randomTensorsAreReproducibleFromTheSeed(DType dtype) {
    Tensor a = Tensors.randomNormal(new SeededRandom(3), 0, 1, dtype, 1000);
    Tensor b = Tensors.randomNormal(new SeededRandom(3), 0, 1, dtype, 1000);
    assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
    assertEquals(0, a.mean(), 0.1);
    assertEquals(1, Math.sqrt(a.square().mean()), 0.1);
    Tensor u = Tensors.randomUniform(new SeededRandom(4), -2, 3, dtype, 1000);
    assertTrue(u.max() < 3 && u.neg().max() <= 2);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void toStringShowsDtypeShapeAndValues(DType dtype) {
    Tensor t = Tensors.of(new double[] {1, 2.5, 3, 4}, dtype, 2, 2);
    assertEquals(dtype.label() + "[2, 2] [[1.00000, 2.50000], [3.00000, 4.00000]]", t.toString());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void aGatherOrASumIntoItsOwnInputIsRefusedNotComputedWrong(DType dtype) {
    // Writing rows or sums over the elements still to be read would give a silent wrong answer.
    Tensor x = Tensors.of(new double[] {1, 2, 3, 4, 5, 6}, dtype, 3, 2);
    IllegalArgumentException gather = assertThrows(IllegalArgumentException.class,
        () -> ShapeOps.gatherRows(x, new int[] {2, 0, 1}, x));
    assertEquals("gatherRows: the output shares storage with the input; pass a separate tensor", gather.getMessage());
    Tensor column = Tensors.of(new double[] {1, 2, 3, 4}, dtype, 2, 1, 2);
    IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
        () -> ReductionOps.sum(column, 1, column.reshape(2, 2)));
    assertEquals("sum: the output shares storage with the input; pass a separate tensor", sum.getMessage());
  }
}
