/**
 * Tensors: n-dimensional row-major arrays of float32 or float64 ({@link io.nabla.tensor.Tensor}),
 * their creation ({@link io.nabla.tensor.Tensors}), and the validated operations on them, grouped
 * by theme: {@link io.nabla.tensor.ElementwiseOps} (with NumPy broadcasting), {@link
 * io.nabla.tensor.MatrixOps}, {@link io.nabla.tensor.ReductionOps}, {@link
 * io.nabla.tensor.ShapeOps} and {@link io.nabla.tensor.NeuralOps}.
 *
 * <p>Every operation checks its shape and dtype rules here, before a backend kernel runs, and
 * reports a violation as an {@link java.lang.IllegalArgumentException} (usually a {@link
 * io.nabla.tensor.ShapeMismatchException}) naming the operation and the shapes involved.
 */
package io.nabla.tensor;
