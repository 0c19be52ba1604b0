package io.nabla.tensor;

import java.util.Arrays;

/** Helpers for shapes ({@code int[]} of dimensions): size, formatting and NumPy broadcasting. */
public final class Shapes {

  private Shapes() {}

  /** The shape as NumPy prints it, for example {@code [100, 784]}. */
  public static String format(int... shape) {
    return Arrays.toString(shape);
  }

  /**
   * The number of elements of a shape (1 for the scalar shape {@code []}).
   *
   * @throws IllegalArgumentException if a dimension is negative or the size does not fit an int
   */
  public static int size(int... shape) {
    long size = 1;
    for (int dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException("shape " + format(shape) + " has a negative dimension");
      }
      size *= dim;
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape " + format(shape) + " has more than " + Integer.MAX_VALUE + " elements");
      }
    }
    return (int) size;
  }

  /**
   * The shape two operands broadcast to, by NumPy's rule: align trailing dimensions; each pair
   * must be equal or contain a 1.
   *
   * @param operation the operation's name, for the error message
   * @throws ShapeMismatchException if the shapes do not broadcast
   */
  public static int[] broadcast(String operation, int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] result = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new ShapeMismatchException(
            operation
                + ": shapes "
                + format(a)
                + " and "
                + format(b)
                + " cannot be broadcast together: dimension "
                + da
                + " vs "
                + db);
      }
      result[i] = da == 1 ? db : da;
    }
    return result;
  }

  /**
   * An axis in {@code [0, rank)}, accepting NumPy's negative axes ({@code -1} is the last).
   *
   * @throws IllegalArgumentException naming the operation, axis and shape when out of range
   */
  public static int normalizeAxis(String operation, int axis, int[] shape) {
    int rank = shape.length;
    int normalized = axis < 0 ? axis + rank : axis;
    if (normalized < 0 || normalized >= rank) {
      throw new IllegalArgumentException(
          operation + ": axis " + axis + " is out of range for shape " + format(shape));
    }
    return normalized;
  }

  /** The product of the dimensions in {@code [from, to)}. */
  static int product(int[] shape, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= shape[i];
    }
    return p;
  }

}
