package io.nabla.tensor;

import io.nabla.backend.DType;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;

/**
 * Creation of tensors. Each factory comes twice: with a {@link Backend} first, which makes the
 * tensor in storage that backend allocates and consults nothing else (what library code uses),
 * and without, a shorthand for {@link Backends#current()} (for scripts, tests and the REPL). Move
 * a tensor to another backend with {@link Tensor#on}.
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

  /** A tensor of zeros on {@code backend}. */
  public static Tensor zeros(Backend backend, DType dtype, int... shape) {
    return DenseTensor.allocate(dtype, shape, backend);
  }

  /** A tensor of zeros on the current backend. */
  public static Tensor zeros(DType dtype, int... shape) {
    return zeros(Backends.current(), dtype, shape);
  }

  /** A tensor of ones on the current backend. */
  public static Tensor ones(DType dtype, int... shape) {
    return full(1.0, dtype, shape);
  }

  /** A tensor on {@code backend} with every element {@code value} (rounded to the dtype). */
  public static Tensor full(Backend backend, double value, DType dtype, int... shape) {
    return zeros(backend, dtype, shape).fill(value);
  }

  /** A tensor on the current backend with every element {@code value} (rounded to the dtype). */
  public static Tensor full(double value, DType dtype, int... shape) {
    return full(Backends.current(), value, dtype, shape);
  }

  /** A scalar (rank 0) tensor on the current backend. */
  public static Tensor scalar(double value, DType dtype) {
    return full(value, dtype);
  }

  /**
   * A tensor on {@code backend} holding {@code values} in row-major order (copied, rounded to the
   * dtype).
   *
   * @throws IllegalArgumentException if the number of values does not match the shape
   */
  public static Tensor of(Backend backend, double[] values, DType dtype, int... shape) {
    Tensor t = zeros(backend, dtype, shape);
    checkFills(values.length, t);
    t.storage().write(0, values, 0, values.length);
    return t;
  }

  /** {@link #of(Backend, double[], DType, int...)} on the current backend. */
  public static Tensor of(double[] values, DType dtype, int... shape) {
    return of(Backends.current(), values, dtype, shape);
  }

  /**
   * A float32 tensor on {@code backend} holding {@code values} in row-major order (copied).
   *
   * @throws IllegalArgumentException if the number of values does not match the shape
   */
  public static Tensor of(Backend backend, float[] values, int... shape) {
    Tensor t = zeros(backend, DType.FLOAT32, shape);
    checkFills(values.length, t);
    t.storage().write(0, values, 0, values.length);
    return t;
  }

  /** {@link #of(Backend, float[], int...)} on the current backend. */
  public static Tensor of(float[] values, int... shape) {
    return of(Backends.current(), values, shape);
  }

  private static void checkFills(int values, Tensor t) {
    if (values != t.size()) {
      throw new ShapeMismatchException(
          "of: " + values + " values do not fill shape " + Shapes.format(t.shape())
              + " of " + t.size() + " elements");
    }
  }

  /** A vector of the given values on {@code backend}. */
  public static Tensor vector(Backend backend, DType dtype, double... values) {
    return of(backend, values, dtype, values.length);
  }

  /** A vector of the given values on the current backend. */
  public static Tensor vector(DType dtype, double... values) {
    return vector(Backends.current(), dtype, values);
  }

  /**
   * A matrix on {@code backend} from rows of equal length.
   *
   * @throws IllegalArgumentException if the rows are ragged
   */
  public static Tensor matrix(Backend backend, DType dtype, double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    Tensor t = zeros(backend, dtype, rows.length, cols);
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

  /** {@link #matrix(Backend, DType, double[][])} on the current backend. */
  public static Tensor matrix(DType dtype, double[][] rows) {
    return matrix(Backends.current(), dtype, rows);
  }

  /** {@link #randomNormal(Backend, SeededRandom, double, double, DType, int...)} on the current backend. */
  public static Tensor randomNormal(
      SeededRandom random, double mean, double std, DType dtype, int... shape) {
    return randomNormal(Backends.current(), random, mean, std, dtype, shape);
  }

  /** {@link #randomUniform(Backend, SeededRandom, double, double, DType, int...)} on the current backend. */
  public static Tensor randomUniform(
      SeededRandom random, double low, double high, DType dtype, int... shape) {
    return randomUniform(Backends.current(), random, low, high, dtype, shape);
  }

  /** {@link #oneHot(Backend, int[], int, DType)} on the current backend. */
  public static Tensor oneHot(int[] labels, int classes, DType dtype) {
    return oneHot(Backends.current(), labels, classes, dtype);
  }

  /**
   * Samples of a normal distribution with the given mean and standard deviation, on {@code
   * backend}; the same seed gives the same values on every backend.
   */
  public static Tensor randomNormal(
      Backend backend, SeededRandom random, double mean, double std, DType dtype, int... shape) {
    Tensor t = zeros(backend, dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      t.setFlat(i, mean + std * random.nextGaussian());
    }
    return t;
  }

  /** Samples of a uniform distribution on {@code [low, high)}, on {@code backend}. */
  public static Tensor randomUniform(
      Backend backend, SeededRandom random, double low, double high, DType dtype, int... shape) {
    Tensor t = zeros(backend, dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      t.setFlat(i, random.nextDouble(low, high));
    }
    return t;
  }

  /**
   * One-hot rows on {@code backend}: row {@code i} is all zeros but a 1 in column {@code labels[i]}.
   *
   * @throws IllegalArgumentException if a label is outside {@code [0, classes)}
   */
  public static Tensor oneHot(Backend backend, int[] labels, int classes, DType dtype) {
    Tensor t = zeros(backend, dtype, labels.length, classes);
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
