package io.nabla.tensor;

import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.UnaryOp;
import java.util.Arrays;

/**
 * An n-dimensional array of {@link DType#FLOAT32} or {@link DType#FLOAT64}, stored contiguously in
 * row-major order on the Java heap, bound to the {@link Backend} whose kernels its operations run.
 *
 * <p>Ranks 0 (scalar, shape {@code []}), 1 (vector), 2 (matrix) and higher are all tensors. The
 * methods here are a convenient facade; each delegates to a themed class ({@link
 * ElementwiseOps}, {@link MatrixOps}, {@link ReductionOps}, {@link ShapeOps}, {@link NeuralOps})
 * that states and checks the operation's shape rules. Methods that return a tensor allocate a new
 * one on this tensor's backend; methods ending in {@code i} ({@link #addi}, {@link #muli}, ...)
 * work in place and return {@code this}. Create tensors with {@link Tensors}.
 *
 * <p>A tensor is not thread-safe: reading one from several threads is fine, but writing it while
 * another thread reads or writes it is not.
 */
public final class Tensor {

  private final DType dtype;
  private final int[] shape;
  private final int size;
  private final float[] floats;
  private final double[] doubles;
  private final Backend backend;

  /** Wraps storage; exactly one of the arrays is non-null and it has {@code size(shape)} elements. */
  Tensor(int[] shape, float[] floats, double[] doubles, Backend backend) {
    this.shape = shape.clone();
    this.size = Shapes.size(shape);
    this.floats = floats;
    this.doubles = doubles;
    this.dtype = floats != null ? DType.FLOAT32 : DType.FLOAT64;
    this.backend = backend;
    int length = floats != null ? floats.length : doubles.length;
    if (length != size) {
      throw new IllegalArgumentException(
          "data has " + length + " elements but shape " + Shapes.format(shape) + " needs " + size);
    }
  }

  /** A new zero tensor of the given dtype and shape on the given backend. */
  static Tensor allocate(DType dtype, int[] shape, Backend backend) {
    int n = Shapes.size(shape);
    return dtype == DType.FLOAT32
        ? new Tensor(shape, new float[n], null, backend)
        : new Tensor(shape, null, new double[n], backend);
  }

  /** A new zero tensor with this tensor's dtype and backend and the given shape. */
  public Tensor zerosLike(int... newShape) {
    return allocate(dtype, newShape, backend);
  }

  /** A new zero tensor with this tensor's dtype, backend and shape. */
  public Tensor zerosLike() {
    return allocate(dtype, shape, backend);
  }

  // ---- Metadata --------------------------------------------------------------------------------

  /** The element type. */
  public DType dtype() {
    return dtype;
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** The number of dimensions: 0 for a scalar, 2 for a matrix. */
  public int rank() {
    return shape.length;
  }

  /** The number of elements. */
  public int size() {
    return size;
  }

  /** The length of one axis; negative axes count from the end. */
  public int dim(int axis) {
    return shape[Shapes.normalizeAxis("dim", axis, shape)];
  }

  /** Rows of a matrix. @throws IllegalStateException if this is not a matrix */
  public int rows() {
    requireMatrix("rows");
    return shape[0];
  }

  /** Columns of a matrix. @throws IllegalStateException if this is not a matrix */
  public int cols() {
    requireMatrix("cols");
    return shape[1];
  }

  private void requireMatrix(String what) {
    if (shape.length != 2) {
      throw new IllegalStateException(what + ": tensor of shape " + Shapes.format(shape) + " is not a matrix");
    }
  }

  /** Whether this tensor has exactly the given shape. */
  public boolean hasShape(int... expected) {
    return Arrays.equals(shape, expected);
  }

  /** Whether this tensor has the same shape as {@code other} (compared without copying either). */
  public boolean hasSameShape(Tensor other) {
    return Arrays.equals(shape, other.shape);
  }

  /** The backend whose kernels this tensor's operations run. */
  public Backend backend() {
    return backend;
  }

  /**
   * This tensor's data seen through another backend: no copy, the two share storage. Tensors on
   * all backends live on the Java heap, so moving between backends is free.
   */
  public Tensor on(Backend other) {
    return other == backend ? this : new Tensor(shape, floats, doubles, other);
  }

  /**
   * The live float32 storage, for backends: row-major, exactly {@link #size()} long.
   *
   * @throws IllegalStateException if the dtype is not float32
   */
  public float[] floatData() {
    if (floats == null) {
      throw new IllegalStateException("floatData: tensor " + describe() + " is not float32");
    }
    return floats;
  }

  /**
   * The live float64 storage, for backends: row-major, exactly {@link #size()} long.
   *
   * @throws IllegalStateException if the dtype is not float64
   */
  public double[] doubleData() {
    if (doubles == null) {
      throw new IllegalStateException("doubleData: tensor " + describe() + " is not float64");
    }
    return doubles;
  }

  /** Whether this tensor and {@code other} share storage (one is a view of the other). */
  public boolean sharesStorageWith(Tensor other) {
    return floats != null ? floats == other.floats : doubles == other.doubles;
  }

  /** A short description such as {@code float32[100, 784]}, for messages. */
  public String describe() {
    return dtype.label() + Shapes.format(shape);
  }

  // ---- Element access -------------------------------------------------------------------------

  /** The element at a multi-index, as a double. */
  public double get(int... index) {
    return getFlat(flatIndex(index));
  }

  /** Sets the element at a multi-index (rounded to the dtype). */
  public void set(double value, int... index) {
    setFlat(flatIndex(index), value);
  }

  /** The element at a row-major flat index, as a double. */
  public double getFlat(int i) {
    checkFlat(i);
    return floats != null ? floats[i] : doubles[i];
  }

  /** Sets the element at a row-major flat index (rounded to the dtype). */
  public void setFlat(int i, double value) {
    checkFlat(i);
    if (floats != null) {
      floats[i] = (float) value;
    } else {
      doubles[i] = value;
    }
  }

  /** The only element of a one-element tensor. */
  public double item() {
    if (size != 1) {
      throw new IllegalStateException("item: tensor " + describe() + " has " + size + " elements, not 1");
    }
    return getFlat(0);
  }

  private void checkFlat(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(
          "flat index " + i + " is out of range for shape " + Shapes.format(shape));
    }
  }

  private int flatIndex(int[] index) {
    if (index.length != shape.length) {
      throw new IndexOutOfBoundsException(
          "index " + Arrays.toString(index) + " has " + index.length + " dimensions; shape "
              + Shapes.format(shape) + " has " + shape.length);
    }
    int flat = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IndexOutOfBoundsException(
            "index " + Arrays.toString(index) + " is out of range for shape " + Shapes.format(shape));
      }
      flat = flat * shape[d] + index[d];
    }
    return flat;
  }

  /** A copy of the elements in row-major order, as doubles. */
  public double[] toDoubleArray() {
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = floats != null ? floats[i] : doubles[i];
    }
    return out;
  }

  /** A copy of the elements in row-major order, as floats (rounding float64 values). */
  public float[] toFloatArray() {
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = floats != null ? floats[i] : (float) doubles[i];
    }
    return out;
  }

  // ---- Copies, views and shape -----------------------------------------------------------------

  /** An independent copy with the same dtype, shape and backend. */
  public Tensor copy() {
    return floats != null
        ? new Tensor(shape, floats.clone(), null, backend)
        : new Tensor(shape, null, doubles.clone(), backend);
  }

  /** A copy converted to {@code target} dtype; a plain copy if the dtype is already that. */
  public Tensor asType(DType target) {
    if (target == dtype) {
      return copy();
    }
    return target == DType.FLOAT32
        ? new Tensor(shape, toFloatArray(), null, backend)
        : new Tensor(shape, null, toDoubleArray(), backend);
  }

  /** Copies {@code source}'s elements into this tensor; shapes and dtypes must match. */
  public Tensor assign(Tensor source) {
    ShapeOps.assign(source, this);
    return this;
  }

  /** See {@link ShapeOps#reshape}: a view with a new shape; one dimension may be -1. */
  public Tensor reshape(int... newShape) {
    return ShapeOps.reshape(this, newShape);
  }

  /** See {@link ShapeOps#transpose(Tensor)}: the transposed copy of a matrix. */
  public Tensor transpose() {
    return ShapeOps.transpose(this);
  }

  /** See {@link ShapeOps#permute}: a copy with the axes reordered. */
  public Tensor permute(int... axes) {
    return ShapeOps.permute(this, axes);
  }

  /** See {@link ShapeOps#gatherRows}: the rows (first-axis slices) at the given indices. */
  public Tensor gatherRows(int... indices) {
    return ShapeOps.gatherRows(this, indices);
  }

  /** See {@link ShapeOps#sliceRows}: a copy of rows {@code [from, to)}. */
  public Tensor sliceRows(int from, int to) {
    return ShapeOps.sliceRows(this, from, to);
  }

  // ---- Arithmetic (new tensors, with NumPy broadcasting) ----------------------------------------

  /** {@code this + other}, broadcasting. */
  public Tensor add(Tensor other) {
    return ElementwiseOps.zip(BinaryOp.ADD, this, other);
  }

  /** {@code this - other}, broadcasting. */
  public Tensor sub(Tensor other) {
    return ElementwiseOps.zip(BinaryOp.SUBTRACT, this, other);
  }

  /** {@code this * other} elementwise, broadcasting. */
  public Tensor mul(Tensor other) {
    return ElementwiseOps.zip(BinaryOp.MULTIPLY, this, other);
  }

  /** {@code this / other} elementwise, broadcasting. */
  public Tensor div(Tensor other) {
    return ElementwiseOps.zip(BinaryOp.DIVIDE, this, other);
  }

  /** {@code max(this, other)} elementwise, broadcasting. */
  public Tensor maximum(Tensor other) {
    return ElementwiseOps.zip(BinaryOp.MAXIMUM, this, other);
  }

  /** {@code this + scalar}. */
  public Tensor add(double scalar) {
    return ElementwiseOps.zip(BinaryOp.ADD, this, scalar);
  }

  /** {@code this - scalar}. */
  public Tensor sub(double scalar) {
    return ElementwiseOps.zip(BinaryOp.SUBTRACT, this, scalar);
  }

  /** {@code this * scalar}. */
  public Tensor mul(double scalar) {
    return ElementwiseOps.zip(BinaryOp.MULTIPLY, this, scalar);
  }

  /** {@code this / scalar}. */
  public Tensor div(double scalar) {
    return ElementwiseOps.zip(BinaryOp.DIVIDE, this, scalar);
  }

  /** {@code this ^ exponent} elementwise. */
  public Tensor pow(double exponent) {
    return ElementwiseOps.zip(BinaryOp.POWER, this, exponent);
  }

  /** {@code -this}. */
  public Tensor neg() {
    return ElementwiseOps.map(UnaryOp.NEGATE, this);
  }

  /** {@code e^this} elementwise. */
  public Tensor exp() {
    return ElementwiseOps.map(UnaryOp.EXP, this);
  }

  /** Natural logarithm, elementwise. */
  public Tensor log() {
    return ElementwiseOps.map(UnaryOp.LOG, this);
  }

  /** Square root, elementwise. */
  public Tensor sqrt() {
    return ElementwiseOps.map(UnaryOp.SQRT, this);
  }

  /** Square, elementwise. */
  public Tensor square() {
    return ElementwiseOps.map(UnaryOp.SQUARE, this);
  }

  /** Absolute value, elementwise. */
  public Tensor abs() {
    return ElementwiseOps.map(UnaryOp.ABS, this);
  }

  /** The logistic sigmoid {@code 1 / (1 + e^-x)}, elementwise. */
  public Tensor sigmoid() {
    return ElementwiseOps.map(UnaryOp.SIGMOID, this);
  }

  /** {@code max(0, x)}, elementwise. */
  public Tensor relu() {
    return ElementwiseOps.map(UnaryOp.RELU, this);
  }

  /** See {@link NeuralOps#softmax}: stable softmax along the last axis. */
  public Tensor softmax() {
    return NeuralOps.softmax(this);
  }

  /** See {@link MatrixOps#matmul}: the matrix product, NumPy {@code dot} rules for rank 1 and 2. */
  public Tensor matmul(Tensor other) {
    return MatrixOps.matmul(this, other);
  }

  // ---- In place ---------------------------------------------------------------------------------

  /** {@code this += other}, broadcasting {@code other} to this shape; returns this. */
  public Tensor addi(Tensor other) {
    ElementwiseOps.zipInto(BinaryOp.ADD, this, other, this);
    return this;
  }

  /** {@code this -= other}, broadcasting {@code other} to this shape; returns this. */
  public Tensor subi(Tensor other) {
    ElementwiseOps.zipInto(BinaryOp.SUBTRACT, this, other, this);
    return this;
  }

  /** {@code this *= other} elementwise, broadcasting {@code other} to this shape; returns this. */
  public Tensor muli(Tensor other) {
    ElementwiseOps.zipInto(BinaryOp.MULTIPLY, this, other, this);
    return this;
  }

  /** {@code this /= other} elementwise, broadcasting {@code other} to this shape; returns this. */
  public Tensor divi(Tensor other) {
    ElementwiseOps.zipInto(BinaryOp.DIVIDE, this, other, this);
    return this;
  }

  /** {@code this += scalar}; returns this. */
  public Tensor addi(double scalar) {
    ElementwiseOps.zipInto(BinaryOp.ADD, this, scalar, this);
    return this;
  }

  /** {@code this *= scalar}; returns this. */
  public Tensor muli(double scalar) {
    ElementwiseOps.scale(scalar, this);
    return this;
  }

  /** {@code this += alpha * x} (BLAS axpy); {@code x} has this shape. Returns this. */
  public Tensor addScaledi(double alpha, Tensor x) {
    ElementwiseOps.axpy(alpha, x, this);
    return this;
  }

  /** Sets every element to {@code value}; returns this. */
  public Tensor fill(double value) {
    ElementwiseOps.fill(this, value);
    return this;
  }

  // ---- Reductions -------------------------------------------------------------------------------

  /** Sum of all elements, accumulated in this dtype by the backend. */
  public double sum() {
    return ReductionOps.sum(this);
  }

  /** Sums along {@code axis}, which is removed from the shape. */
  public Tensor sum(int axis) {
    return ReductionOps.sum(this, axis, false);
  }

  /** Mean of all elements. */
  public double mean() {
    return ReductionOps.mean(this);
  }

  /** Means along {@code axis}, which is removed from the shape. */
  public Tensor mean(int axis) {
    return ReductionOps.mean(this, axis, false);
  }

  /** Largest element. */
  public double max() {
    return ReductionOps.max(this);
  }

  /** Largest elements along {@code axis}, which is removed from the shape. */
  public Tensor max(int axis) {
    return ReductionOps.max(this, axis, false);
  }

  /** Flat index of the largest element (the first, on ties). */
  public int argmax() {
    return ReductionOps.argmax(this);
  }

  /** Indices of the largest elements along {@code axis}, in row-major order of the rest. */
  public int[] argmax(int axis) {
    return ReductionOps.argmax(this, axis);
  }

  /** Up to 6 elements per axis in NumPy's style, with dtype and shape. */
  @Override
  public String toString() {
    return TensorFormat.format(this);
  }
}
