package io.nabla.backend;

import java.util.Arrays;

/**
 * How a kernel reads an operand over an iteration shape: the element at index {@code (i0, ...,
 * i(r-1))} of the shape is the operand's element {@code offset + sum_d i_d * strides[d]}. A
 * contiguous row-major operand has the row-major strides of the shape; a broadcast dimension has
 * stride 0 (NumPy's broadcasting, without a copy); a transposed or permuted one has its axes'
 * strides reordered. Immutable; the arrays are not copied, so the caller must not change them.
 *
 * @param offset the element read at index zero
 * @param strides one per dimension of the iteration shape, in elements
 */
public record View(int offset, int[] strides) {

  /** A contiguous row-major operand of {@code shape}, from element 0. */
  public static View contiguous(int[] shape) {
    return new View(0, rowMajorStrides(shape));
  }

  /** The row-major strides of {@code shape}: the last dimension's is 1. */
  public static int[] rowMajorStrides(int[] shape) {
    int[] strides = new int[shape.length];
    int stride = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= shape[i];
    }
    return strides;
  }

  /** Whether this reads {@code shape} contiguously in row-major order from element 0. */
  public boolean isContiguous(int[] shape) {
    if (offset != 0) {
      return false;
    }
    int stride = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1 && strides[i] != stride) {
        return false;
      }
      stride *= shape[i];
    }
    return true;
  }

  /** Whether every index reads the same element: a scalar broadcast over the whole shape. */
  public boolean isScalar(int[] shape) {
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] != 1 && strides[i] != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof View v && v.offset == offset && Arrays.equals(v.strides, strides);
  }

  @Override
  public int hashCode() {
    return 31 * offset + Arrays.hashCode(strides);
  }

  @Override
  public String toString() {
    return "View[offset=" + offset + ", strides=" + Arrays.toString(strides) + "]";
  }
}
