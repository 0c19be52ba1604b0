package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.backend.Storage;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;

/**
 * A growing row-major matrix of a partition's features, in the training dtype, filled one row
 * at a time and turned into one Nabla tensor at the end (the row count is not known before).
 */
final class RowBuffer {

  private final int width;
  private Storage values;
  private int rows;

  RowBuffer(DType dtype, int width) {
    this.width = width;
    values = Storage.heap(dtype, width * 64);
  }

  /** Starts a new row (its values follow through {@link #put}). */
  void newRow() {
    long needed = (long) (rows + 1) * width;
    int capacity = values.length();
    if (needed > capacity) {
      long grown = Math.max(needed, 2L * capacity);
      if (grown > Integer.MAX_VALUE - 16) {
        throw new NablaDataException("a partition holds more than " + (Integer.MAX_VALUE / width)
            + " rows of " + width + " features, more than one Java array can; use more partitions");
      }
      Storage larger = Storage.heap(values.dtype(), (int) grown);
      larger.copyFrom(values, 0, 0, rows * width);
      values = larger;
    }
    rows++;
  }

  /** Sets feature {@code i} of the current row. */
  void put(int i, double value) {
    values.set((rows - 1) * width + i, value);
  }

  /** The rows so far. */
  int rows() {
    return rows;
  }

  /** The matrix [rows, width] on {@code backend}. */
  Tensor toTensor(Backend backend) {
    Tensor t = Tensors.zeros(backend, values.dtype(), rows, width);
    t.storage().copyFrom(values, 0, 0, rows * width);
    return t;
  }
}
