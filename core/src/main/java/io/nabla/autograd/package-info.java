/**
 * Automatic differentiation, define-by-run and reverse mode: {@link io.nabla.autograd.Variable}
 * records the operations computed from variables that require a gradient, and {@code backward()}
 * walks that graph back, adding each leaf's gradient to {@code grad()}. {@link
 * io.nabla.autograd.Autograd#noGrad()} turns recording off on a thread, for inference and updates.
 *
 * <p>Each operation's forward pass is an operation of {@link io.nabla.tensor} (so it runs on the
 * backend's kernels, with its shape checks and messages), and its backward pass is written once,
 * beside it, in one of the themed files ({@code ElementwiseGradients}, {@code MatrixGradients},
 * {@code ReductionGradients}, {@code ShapeGradients}, {@code LossGradients}). The conformance suite
 * checks every operation's gradient by central differences on every backend.
 */
package io.nabla.autograd;
