package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Arrays;

/**
 * A growing row-major matrix of a partition's features, in the training dtype, filled one row
 * at a time and turned into one Nabla tensor at the end (the row count is not known before).
 */
final class RowBuffer {

  private final DType dtype;
  private final int width;
  private float[] floats;
  private double[] doubles;
  private int rows;

  RowBuffer(DType dtype, int width) {
    this.dtype = dtype;
    this.width = width;
    if (dtype == DType.FLOAT32) {
      floats = new float[width * 64];
    } else {
      doubles = new double[width * 64];
    }
  }

  /** Starts a new row (its values follow through {@link #put}). */
  void newRow() {
    long needed = (long) (rows + 1) * width;
    int capacity = floats != null ? floats.length : doubles.length;
    if (needed > capacity) {
      long grown = Math.max(needed, 2L * capacity);
      if (grown > Integer.MAX_VALUE - 16) {
        throw new NablaDataException("a partition holds more than " + (Integer.MAX_VALUE / width)
            + " rows of " + width + " features, more than one Java array can; use more partitions");
      }
      if (floats != null) {
        floats = Arrays.copyOf(floats, (int) grown);
      } else {
        doubles = Arrays.copyOf(doubles, (int) grown);
      }
    }
    rows++;
  }

  /** Sets feature {@code i} of the current row. */
  void put(int i, double value) {
    int at = (rows - 1) * width + i;
    if (floats != null) {
      floats[at] = (float) value;
    } else {
      doubles[at] = value;
    }
  }

  /** The rows so far. */
  int rows() {
    return rows;
  }

  /** The matrix [rows, width] on {@code backend}. */
  Tensor toTensor(Backend backend) {
    Tensor t = Tensors.zeros(backend, dtype, rows, width);
    if (floats != null) {
      t.storage().write(0, floats, 0, rows * width);
    } else {
      t.storage().write(0, doubles, 0, rows * width);
    }
    return t;
  }
}
