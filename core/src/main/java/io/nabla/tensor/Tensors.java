package io.nabla.tensor;

import io.nabla.backend.Backends;

/**
 * Creation of tensors. Every factory makes a tensor on {@link Backends#current()}; move one to
 * another backend, without copying, with {@link Tensor#on}.
 */
public final class Tensors {

  private Tensors() {}

  /**
   * {@code cached} if it has this shape and the dtype and backend of {@code like}, else a new zero
   * tensor like {@code like}: how layers, losses and loops reuse their buffers from step to step,
   * so a training step allocates (almost) nothing once the batch size stops changing.
   */
  public static Tensor reuse(Tensor cached, Tensor like, int... shape) {
    if (cached != null && cached.hasShape(shape) && cached.dtype() == like.dtype()
        && cached.backend() == like.backend()) {
      return cached;
    }
    return like.zerosLike(shape);
  }

  /** A tensor of zeros. */
  public static Tensor zeros(DType dtype, int... shape) {
    return Tensor.allocate(dtype, shape, Backends.current());
  }

  /** A tensor of ones. */
  public static Tensor ones(DType dtype, int... shape) {
    return full(1.0, dtype, shape);
  }

  /** A tensor with every element {@code value} (rounded to the dtype). */
  public static Tensor full(double value, DType dtype, int... shape) {
    return zeros(dtype, shape).fill(value);
  }

  /** A scalar (rank 0) tensor. */
  public static Tensor scalar(double value, DType dtype) {
    return full(value, dtype);
  }

  /**
   * A tensor holding {@code values} in row-major order (copied, rounded to the dtype).
   *
   * @throws IllegalArgumentException if the number of values does not match the shape
   */
  public static Tensor of(double[] values, DType dtype, int... shape) {
    Tensor t = zeros(dtype, shape);
    if (values.length != t.size()) {
      throw new ShapeMismatchException(
          "of: " + values.length + " values do not fill shape " + Shapes.format(shape)
              + " of " + t.size() + " elements");
    }
    for (int i = 0; i < values.length; i++) {
      t.setFlat(i, values[i]);
    }
    return t;
  }

  /** A float32 tensor holding {@code values} in row-major order (copied). */
  public static Tensor of(float[] values, int... shape) {
    return new Tensor(shape, values.clone(), null, Backends.current());
  }

  /** A float32 tensor that takes ownership of {@code values} without copying. */
  public static Tensor wrap(float[] values, int... shape) {
    return new Tensor(shape, values, null, Backends.current());
  }

  /** A float64 tensor that takes ownership of {@code values} without copying. */
  public static Tensor wrap(double[] values, int... shape) {
    return new Tensor(shape, null, values, Backends.current());
  }

  /** A vector of the given values. */
  public static Tensor vector(DType dtype, double... values) {
    return of(values, dtype, values.length);
  }

  /**
   * A matrix from rows of equal length.
   *
   * @throws IllegalArgumentException if the rows are ragged
   */
  public static Tensor matrix(DType dtype, double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    Tensor t = zeros(dtype, rows.length, cols);
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new ShapeMismatchException(
            "matrix: row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
      }
      for (int j = 0; j < cols; j++) {
        t.setFlat(i * cols + j, rows[i][j]);
      }
    }
    return t;
  }

  /** Samples of a normal distribution with the given mean and standard deviation. */
  public static Tensor randomNormal(
      SeededRandom random, double mean, double std, DType dtype, int... shape) {
    Tensor t = zeros(dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      t.setFlat(i, mean + std * random.nextGaussian());
    }
    return t;
  }

  /** Samples of a uniform distribution on {@code [low, high)}. */
  public static Tensor randomUniform(
      SeededRandom random, double low, double high, DType dtype, int... shape) {
    Tensor t = zeros(dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      t.setFlat(i, random.nextDouble(low, high));
    }
    return t;
  }

  /**
   * One-hot rows: row {@code i} is all zeros but a 1 in column {@code labels[i]}.
   *
   * @throws IllegalArgumentException if a label is outside {@code [0, classes)}
   */
  public static Tensor oneHot(int[] labels, int classes, DType dtype) {
    Tensor t = zeros(dtype, labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "oneHot: label " + labels[i] + " at row " + i + " is outside [0, " + classes + ")");
      }
      t.setFlat(i * classes + labels[i], 1.0);
    }
    return t;
  }
}
