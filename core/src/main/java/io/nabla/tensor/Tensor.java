package io.nabla.tensor;

import io.nabla.backend.DType;

import io.nabla.backend.Backend;
import io.nabla.backend.BinaryOp;
import io.nabla.backend.Storage;
import io.nabla.backend.UnaryOp;

/**
 * An n-dimensional array of {@link DType#FLOAT32} or {@link DType#FLOAT64} in row-major order,
 * bound to the {@link Backend} whose kernels its operations run and which owns its {@link
 * Storage}.
 *
 * <p>Ranks 0 (scalar, shape {@code []}), 1 (vector), 2 (matrix) and higher are all tensors. The
 * arithmetic here is a convenient facade; each method delegates to a themed class ({@link
 * ElementwiseOps}, {@link MatrixOps}, {@link ReductionOps}, {@link ShapeOps}, {@link NeuralOps})
 * that states and checks the operation's shape rules. Methods that return a tensor allocate a new
 * one on this tensor's backend; methods ending in {@code i} ({@link #addi}, {@link #muli}, ...)
 * work in place and return {@code this}. Tensors of two backends never meet in one operation:
 * that is an error naming both; move one with {@link #on}. Create tensors with {@link Tensors}.
 *
 * <p>A tensor is not thread-safe: reading one from several threads is fine, but writing it while
 * another thread reads or writes it is not.
 */
public interface Tensor {

  // ---- Metadata --------------------------------------------------------------------------------

  /** The element type. */
  DType dtype();

  /** A copy of the shape. */
  int[] shape();

  /** The number of dimensions: 0 for a scalar, 2 for a matrix. */
  int rank();

  /** The number of elements. */
  int size();

  /** The length of one axis; negative axes count from the end. */
  int dim(int axis);

  /** Rows of a matrix. @throws IllegalStateException if this is not a matrix */
  int rows();

  /** Columns of a matrix. @throws IllegalStateException if this is not a matrix */
  int cols();

  /** Whether this tensor has exactly the given shape. */
  boolean hasShape(int... expected);

  /** Whether this tensor has the same shape as {@code other} (compared without copying either). */
  boolean hasSameShape(Tensor other);

  /** A short description such as {@code float32[100, 784]}, for messages. */
  String describe();

  // ---- Backend and storage ---------------------------------------------------------------------

  /** The backend whose kernels this tensor's operations run and which owns its storage. */
  Backend backend();

  /** The elements, as the backend stores them: for kernels, and bulk copies through {@link Storage}. */
  Storage storage();

  /**
   * How many times this tensor's elements have been written in place by Nabla's operations (the
   * {@code ...i} methods, {@code fill}, {@code set}, an operation's {@code out} argument),
   * counted across every view that shares the storage. Automatic differentiation compares it to
   * detect a tensor changed after the graph saved it; writes straight into {@link #storage()} are
   * not counted.
   */
  long version();

  /**
   * This tensor on another backend: a view sharing storage when {@code other} {@linkplain
   * Backend#accepts accepts} this storage (the heap backends share theirs), else a copy in
   * storage {@code other} allocates.
   */
  Tensor on(Backend other);

  /** Whether this tensor and {@code other} share storage (one is a view of the other). */
  boolean sharesStorageWith(Tensor other);

  /** A new zero tensor with this tensor's dtype and backend and the given shape. */
  Tensor zerosLike(int... newShape);

  /** A new zero tensor with this tensor's dtype, backend and shape. */
  Tensor zerosLike();

  // ---- Element access -------------------------------------------------------------------------

  /** The element at a multi-index, as a double. */
  double get(int... index);

  /** Sets the element at a multi-index (rounded to the dtype). */
  void set(double value, int... index);

  /** The element at a row-major flat index, as a double. */
  double getFlat(int i);

  /** Sets the element at a row-major flat index (rounded to the dtype). */
  void setFlat(int i, double value);

  /** The only element of a one-element tensor. */
  double item();

  /** A copy of the elements in row-major order, as doubles. */
  double[] toDoubleArray();

  /** A copy of the elements in row-major order, as floats (rounding float64 values). */
  float[] toFloatArray();

  // ---- Copies, views and shape -----------------------------------------------------------------

  /** An independent copy with the same dtype, shape and backend. */
  Tensor copy();

  /** A copy converted to {@code target} dtype; a plain copy if the dtype is already that. */
  Tensor asType(DType target);

  /** Copies {@code source}'s elements into this tensor; shapes and dtypes must match. */
  default Tensor assign(Tensor source) {
    ShapeOps.assign(source, this);
    return this;
  }

  /** See {@link ShapeOps#reshape}: a view with a new shape; one dimension may be -1. */
  default Tensor reshape(int... newShape) {
    return ShapeOps.reshape(this, newShape);
  }

  /** See {@link ShapeOps#transpose(Tensor)}: the transposed copy of a matrix. */
  default Tensor transpose() {
    return ShapeOps.transpose(this);
  }

  /** See {@link ShapeOps#permute}: a copy with the axes reordered. */
  default Tensor permute(int... axes) {
    return ShapeOps.permute(this, axes);
  }

  /** See {@link ShapeOps#gatherRows}: the rows (first-axis slices) at the given indices. */
  default Tensor gatherRows(int... indices) {
    return ShapeOps.gatherRows(this, indices);
  }

  /** See {@link ShapeOps#sliceRows}: a copy of rows {@code [from, to)}. */
  default Tensor sliceRows(int from, int to) {
    return ShapeOps.sliceRows(this, from, to);
  }

  // ---- Arithmetic (new tensors, with NumPy broadcasting) ----------------------------------------

  /** {@code this + other}, broadcasting. */
  default Tensor add(Tensor other) {
    return ElementwiseOps.zip(BinaryOp.ADD, this, other);
  }

  /** {@code this - other}, broadcasting. */
  default Tensor sub(Tensor other) {
    return ElementwiseOps.zip(BinaryOp.SUBTRACT, this, other);
  }

  /** {@code this * other} elementwise, broadcasting. */
  default Tensor mul(Tensor other) {
    return ElementwiseOps.zip(BinaryOp.MULTIPLY, this, other);
  }

  /** {@code this / other} elementwise, broadcasting. */
  default Tensor div(Tensor other) {
    return ElementwiseOps.zip(BinaryOp.DIVIDE, this, other);
  }

  /** {@code max(this, other)} elementwise, broadcasting. */
  default Tensor maximum(Tensor other) {
    return ElementwiseOps.zip(BinaryOp.MAXIMUM, this, other);
  }

  /** {@code this + scalar}. */
  default Tensor add(double scalar) {
    return ElementwiseOps.zip(BinaryOp.ADD, this, scalar);
  }

  /** {@code this - scalar}. */
  default Tensor sub(double scalar) {
    return ElementwiseOps.zip(BinaryOp.SUBTRACT, this, scalar);
  }

  /** {@code this * scalar}. */
  default Tensor mul(double scalar) {
    return ElementwiseOps.zip(BinaryOp.MULTIPLY, this, scalar);
  }

  /** {@code this / scalar}. */
  default Tensor div(double scalar) {
    return ElementwiseOps.zip(BinaryOp.DIVIDE, this, scalar);
  }

  /** {@code this ^ exponent} elementwise. */
  default Tensor pow(double exponent) {
    return ElementwiseOps.zip(BinaryOp.POWER, this, exponent);
  }

  /** {@code -this}. */
  default Tensor neg() {
    return ElementwiseOps.map(UnaryOp.NEGATE, this);
  }

  /** {@code e^this} elementwise. */
  default Tensor exp() {
    return ElementwiseOps.map(UnaryOp.EXP, this);
  }

  /** Natural logarithm, elementwise. */
  default Tensor log() {
    return ElementwiseOps.map(UnaryOp.LOG, this);
  }

  /** Square root, elementwise. */
  default Tensor sqrt() {
    return ElementwiseOps.map(UnaryOp.SQRT, this);
  }

  /** Square, elementwise. */
  default Tensor square() {
    return ElementwiseOps.map(UnaryOp.SQUARE, this);
  }

  /** Absolute value, elementwise. */
  default Tensor abs() {
    return ElementwiseOps.map(UnaryOp.ABS, this);
  }

  /** The logistic sigmoid {@code 1 / (1 + e^-x)}, elementwise. */
  default Tensor sigmoid() {
    return ElementwiseOps.map(UnaryOp.SIGMOID, this);
  }

  /** {@code max(0, x)}, elementwise. */
  default Tensor relu() {
    return ElementwiseOps.map(UnaryOp.RELU, this);
  }

  /** See {@link NeuralOps#softmax}: stable softmax along the last axis. */
  default Tensor softmax() {
    return NeuralOps.softmax(this);
  }

  /** See {@link MatrixOps#matmul}: the matrix product, NumPy {@code dot} rules for rank 1 and 2. */
  default Tensor matmul(Tensor other) {
    return MatrixOps.matmul(this, other);
  }

  // ---- In place ---------------------------------------------------------------------------------

  /** {@code this += other}, broadcasting {@code other} to this shape; returns this. */
  default Tensor addi(Tensor other) {
    ElementwiseOps.zipInto(BinaryOp.ADD, this, other, this);
    return this;
  }

  /** {@code this -= other}, broadcasting {@code other} to this shape; returns this. */
  default Tensor subi(Tensor other) {
    ElementwiseOps.zipInto(BinaryOp.SUBTRACT, this, other, this);
    return this;
  }

  /** {@code this *= other} elementwise, broadcasting {@code other} to this shape; returns this. */
  default Tensor muli(Tensor other) {
    ElementwiseOps.zipInto(BinaryOp.MULTIPLY, this, other, this);
    return this;
  }

  /** {@code this /= other} elementwise, broadcasting {@code other} to this shape; returns this. */
  default Tensor divi(Tensor other) {
    ElementwiseOps.zipInto(BinaryOp.DIVIDE, this, other, this);
    return this;
  }

  /** {@code this += scalar}; returns this. */
  default Tensor addi(double scalar) {
    ElementwiseOps.zipInto(BinaryOp.ADD, this, scalar, this);
    return this;
  }

  /** {@code this *= scalar}; returns this. */
  default Tensor muli(double scalar) {
    ElementwiseOps.scale(scalar, this);
    return this;
  }

  /** {@code this += alpha * x} (BLAS axpy); {@code x} has this shape. Returns this. */
  default Tensor addScaledi(double alpha, Tensor x) {
    ElementwiseOps.axpy(alpha, x, this);
    return this;
  }

  /** Sets every element to {@code value}; returns this. */
  default Tensor fill(double value) {
    ElementwiseOps.fill(this, value);
    return this;
  }

  // ---- Reductions -------------------------------------------------------------------------------

  /** Sum of all elements, accumulated in this dtype by the backend. */
  default double sum() {
    return ReductionOps.sum(this);
  }

  /** Sums along {@code axis}, which is removed from the shape. */
  default Tensor sum(int axis) {
    return ReductionOps.sum(this, axis, false);
  }

  /** Mean of all elements. */
  default double mean() {
    return ReductionOps.mean(this);
  }

  /** Means along {@code axis}, which is removed from the shape. */
  default Tensor mean(int axis) {
    return ReductionOps.mean(this, axis, false);
  }

  /** Largest element. */
  default double max() {
    return ReductionOps.max(this);
  }

  /** Largest elements along {@code axis}, which is removed from the shape. */
  default Tensor max(int axis) {
    return ReductionOps.max(this, axis, false);
  }

  /** Flat index of the largest element (the first, on ties). */
  default int argmax() {
    return ReductionOps.argmax(this);
  }

  /** Indices of the largest elements along {@code axis}, in row-major order of the rest. */
  default int[] argmax(int axis) {
    return ReductionOps.argmax(this, axis);
  }
}
