package io.nabla.autograd;

import io.nabla.backend.DType;
import io.nabla.backend.UnaryOp;
import io.nabla.loss.Loss;
import io.nabla.loss.Targets;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.tensor.Workspace;
import java.util.List;
import java.util.Objects;

/**
 * A tensor in a graph that automatic differentiation can walk back: define-by-run reverse mode, as
 * PyTorch and Chainer do it. Operations on variables compute their value at once and, when an
 * input {@linkplain #requiresGrad() requires a gradient} and {@link Autograd#isRecording() recording}
 * is on, record how to send a gradient back to their inputs. {@link #backward()} on a scalar then
 * adds {@code dL/dv} to the {@link #grad()} of every leaf {@code v} that requires one.
 *
 * <pre>{@code
 * Variable w = Variable.requiringGrad(weights);
 * Variable loss = Variable.constant(x).matmul(w).softmaxCrossEntropy(targets);
 * loss.backward();          // w.grad() is dL/dw
 * }</pre>
 *
 * <p>Rules, each enforced with an error that names the operation and the shapes: a gradient
 * accumulates over backward passes until {@link #zeroGrad()}; a backward pass frees the graph it
 * walked unless asked to keep it; a tensor an operation saved for the backward pass must not be
 * written in place before that pass ({@link Tensor#version()}); the operands of one operation share
 * a dtype and a backend. Operations broadcast as NumPy does, and the gradient of a broadcast input
 * is summed back to its shape.
 *
 * <p>Not thread-safe: a graph is built and walked by one thread. A variable takes part in one
 * backward pass at a time: a backward pass started inside another (from a loss's gradient, say)
 * that reaches a variable the outer one has sent a gradient to is refused with an error.
 */
public final class Variable {

  private final Tensor value;
  private final boolean requiresGrad;
  private final Node node;
  private Tensor grad;
  /** The last gradient {@link #zeroGrad()} forgot, reused by the next backward pass. */
  private Tensor spare;
  /** The backward pass that last reached this variable: a token of its own per pass. */
  private Object reachedBy;
  /** The sum of the gradients the running backward pass has sent to this variable so far. */
  private Tensor gradientInFlight;
  /** Whether {@link #gradientInFlight} is also held elsewhere, so nothing may write into it. */
  private boolean inFlightBorrowed;

  private Variable(Tensor value, boolean requiresGrad, Node node) {
    this.value = Objects.requireNonNull(value, "variable: value is null");
    this.requiresGrad = requiresGrad;
    this.node = node;
  }

  /** A leaf that requires a gradient: a parameter, or an input whose gradient is wanted. */
  public static Variable requiringGrad(Tensor value) {
    return new Variable(value, true, null);
  }

  /** A leaf that needs no gradient: data, targets, a mask. */
  public static Variable constant(Tensor value) {
    return new Variable(value, false, null);
  }

  /** The result of a recorded operation. */
  static Variable recorded(Tensor value, Node node) {
    return new Variable(value, true, node);
  }

  /** The value, computed when the operation ran; live (a leaf's value is the tensor it was made with). */
  public Tensor value() {
    return value;
  }

  /** Whether gradients flow to this variable: a leaf made to require one, or any result computed from one while recording. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Whether this variable was made, not computed: a leaf of the graph. */
  public boolean isLeaf() {
    return node == null;
  }

  /** The operation that computed this variable; null for a leaf. */
  Node node() {
    return node;
  }

  /** The name of the operation that computed this variable, or {@code leaf}. */
  public String operation() {
    return node == null ? "leaf" : node.operation();
  }

  /** The value's dtype. */
  public DType dtype() {
    return value.dtype();
  }

  /** The value's shape. */
  public int[] shape() {
    return value.shape();
  }

  /** Whether a backward pass has given this leaf a gradient since it was last zeroed. */
  public boolean hasGrad() {
    return grad != null;
  }

  /**
   * The sum of {@code dL/dv} over the backward passes since the last {@link #zeroGrad()}, shaped
   * like the value.
   *
   * @throws IllegalStateException if there is none: no backward pass reached this variable, or it
   *     is not a leaf (only leaves keep their gradient)
   */
  public Tensor grad() {
    if (grad == null) {
      throw new IllegalStateException("variable " + value.describe() + " (" + operation()
          + ") has no gradient: " + (isLeaf()
              ? (requiresGrad ? "no backward pass reached it since it was last zeroed"
                  : "it was made with Variable.constant, which needs none")
              : "only leaves keep their gradient"));
    }
    return grad;
  }

  /**
   * Forgets the gradient, so that the next backward pass starts from zero. The tensor is kept and
   * the next backward pass may write this variable's gradient into it, so that a training loop
   * allocates no gradient memory from step to step (as PyTorch's {@code zero_grad(set_to_none=False)}
   * reuses it): copy a gradient you need past this call.
   */
  public void zeroGrad() {
    if (grad != null) {
      spare = grad;
    }
    grad = null;
  }

  /**
   * The tensor {@link #zeroGrad()} kept, not zeroed, for an operation's backward pass to write
   * every element of this leaf's gradient into, if this is a leaf without a gradient now; else a
   * new zero tensor of this variable's shape, for a leaf outside any {@link Workspace} (a leaf
   * keeps its gradient past the scope; an intermediate gradient dies with the backward pass).
   */
  Tensor gradientBuffer() {
    if (node == null && grad == null && spare != null) { // a gradient has its variable's shape
      Tensor buffer = spare;
      spare = null;
      return buffer;
    }
    return node == null ? Workspace.outside(value::zerosLike) : value.zerosLike();
  }

  /**
   * Marks this variable reached by the backward pass {@code pass}; false if that pass reached it
   * before. Every pass leaves no gradient in flight when it ends, failed or not, so one here
   * belongs to a pass still running.
   *
   * @throws IllegalStateException if another backward pass has a gradient on its way here
   */
  boolean reachedBy(Object pass) {
    if (reachedBy == pass) {
      return false;
    }
    if (gradientInFlight != null) {
      throw new IllegalStateException("backward: " + value.describe() + " (" + operation()
          + ") is part of a backward pass still running; a backward pass started inside another"
          + " (from a loss's gradient, say) must not reach it. Compute that gradient after the"
          + " outer pass");
    }
    reachedBy = pass;
    return true;
  }

  /**
   * Adds one use's gradient to the one in flight to this variable: kept as it is if it is the
   * first, summed into a new tensor if the first is {@code borrowed}, else added in place.
   */
  void receiveGradient(Tensor g, boolean borrowed) {
    if (gradientInFlight == null) {
      gradientInFlight = g;
      inFlightBorrowed = borrowed;
    } else if (inFlightBorrowed) {
      gradientInFlight = gradientInFlight.add(g);
      inFlightBorrowed = false;
    } else {
      gradientInFlight.addi(g);
    }
  }

  /** Whether the gradient in flight is held elsewhere too. */
  boolean gradientInFlightIsBorrowed() {
    return inFlightBorrowed;
  }

  /** The gradient in flight (null if none came), which this variable then lets go of. */
  Tensor takeGradientInFlight() {
    Tensor g = gradientInFlight;
    gradientInFlight = null;
    return g;
  }

  /** Adds a gradient to this leaf's; a borrowed one (shared with another variable) is copied first. */
  void accumulateGrad(Tensor g, boolean borrowed) {
    if (grad == null) {
      // Kept past the backward pass, so never in memory a workspace takes back.
      grad = borrowed || Workspace.isScoped(g) ? Workspace.outside(g::copy) : g;
    } else {
      grad.addi(g);
    }
  }

  /** A leaf over the same value that needs no gradient: the graph stops here. */
  public Variable detach() {
    return constant(value);
  }

  // ---- Backward ---------------------------------------------------------------------------------

  /**
   * Back-propagates from this scalar (one element) with seed 1, the loss's gradient with respect
   * to itself, then frees the graph.
   *
   * @throws IllegalStateException if this variable has more than one element, needs no gradient,
   *     or the graph was already freed
   */
  public void backward() {
    if (value.size() != 1) {
      throw new IllegalStateException("backward: " + operation() + " gave " + value.describe()
          + ", not a scalar; reduce it to one (sum, mean, a loss) or pass backward(seed) the gradient"
          + " of the loss with respect to it, a tensor of that shape");
    }
    backward(Tensors.full(value.backend(), 1, value.dtype(), value.shape()), false);
  }

  /** Back-propagates {@code seed = dL/dthis} and frees the graph. */
  public void backward(Tensor seed) {
    backward(seed, false);
  }

  /**
   * Back-propagates {@code seed = dL/dthis}, a tensor of this variable's shape, dtype and backend;
   * keeps the graph for another backward pass if {@code keepGraph}.
   *
   * @throws IllegalArgumentException if the seed does not match the value
   * @throws IllegalStateException if this variable needs no gradient or its graph was freed
   */
  public void backward(Tensor seed, boolean keepGraph) {
    Objects.requireNonNull(seed, "backward: seed is null");
    if (!requiresGrad) {
      throw new IllegalStateException("backward: " + value.describe() + " (" + operation()
          + ") does not depend on any variable that requires a gradient"
          + (Autograd.isRecording() ? "" : "; it was computed inside Autograd.noGrad()"));
    }
    if (!seed.hasSameShape(value) || seed.dtype() != value.dtype() || seed.backend() != value.backend()) {
      throw new IllegalArgumentException("backward: the seed is " + seed.describe() + " on '"
          + seed.backend().name() + "' but " + operation() + " gave " + value.describe() + " on '"
          + value.backend().name() + "'");
    }
    BackwardPass.run(this, seed, keepGraph);
  }

  // ---- Arithmetic with broadcasting ------------------------------------------------------------

  /** {@code this + other}, broadcasting. */
  public Variable add(Variable other) {
    return ElementwiseGradients.add(this, other);
  }

  /** {@code this - other}, broadcasting. */
  public Variable sub(Variable other) {
    return ElementwiseGradients.sub(this, other);
  }

  /** {@code this * other} elementwise, broadcasting. */
  public Variable mul(Variable other) {
    return ElementwiseGradients.mul(this, other);
  }

  /** {@code this / other} elementwise, broadcasting. */
  public Variable div(Variable other) {
    return ElementwiseGradients.div(this, other);
  }

  /**
   * {@code max(this, other)} elementwise, broadcasting. Where the two are equal the gradient goes
   * to {@code other}.
   */
  public Variable maximum(Variable other) {
    return ElementwiseGradients.maximum(this, other);
  }

  /** {@code this + c}. */
  public Variable add(double c) {
    return ElementwiseGradients.addScalar(this, c);
  }

  /** {@code this * c}. */
  public Variable mul(double c) {
    return ElementwiseGradients.mulScalar(this, c);
  }

  /** {@code this^p} elementwise. */
  public Variable pow(double p) {
    return ElementwiseGradients.pow(this, p);
  }

  /** {@code -this}. */
  public Variable neg() {
    return map(UnaryOp.NEGATE);
  }

  /** {@code e^this}. */
  public Variable exp() {
    return map(UnaryOp.EXP);
  }

  /** {@code ln this}. */
  public Variable log() {
    return map(UnaryOp.LOG);
  }

  /** {@code sqrt(this)}. */
  public Variable sqrt() {
    return map(UnaryOp.SQRT);
  }

  /** The rectifier {@code max(0, this)}; its gradient at 0 is 0. */
  public Variable relu() {
    return map(UnaryOp.RELU);
  }

  /** The logistic sigmoid. */
  public Variable sigmoid() {
    return map(UnaryOp.SIGMOID);
  }

  /** The hyperbolic tangent. */
  public Variable tanh() {
    return map(UnaryOp.TANH);
  }

  /** The leaky rectifier, slope {@link UnaryOp#LEAKY_RELU_SLOPE} below 0. */
  public Variable leakyRelu() {
    return map(UnaryOp.LEAKY_RELU);
  }

  /** Any elementwise function of one argument; every {@link UnaryOp} has its gradient here. */
  public Variable map(UnaryOp op) {
    return ElementwiseGradients.map(this, op);
  }

  /**
   * {@code condition != 0 ? a : b} elementwise, NumPy's {@code where}, over one shape; the
   * condition gets no gradient.
   */
  public static Variable where(Tensor condition, Variable a, Variable b) {
    return ElementwiseGradients.where(condition, a, b);
  }

  /**
   * Inverted dropout, for training: each element is zeroed with probability {@code p} and the
   * others scaled by {@code 1 / (1 - p)}, so that evaluation uses the value as it is. The mask is
   * drawn from {@code random}, so a seed gives the same mask.
   *
   * @throws IllegalArgumentException if p is not in [0, 1)
   */
  public Variable dropout(double p, SeededRandom random) {
    return ElementwiseGradients.dropout(this, p, random);
  }

  // ---- Matrix products --------------------------------------------------------------------------

  /** The matrix product {@code this . other} of [m, k] and [k, n]. */
  public Variable matmul(Variable other) {
    return MatrixGradients.matmul(this, other);
  }

  /**
   * The affine map {@code this . weight + bias} of a batch [batch, in], a weight [in, out] and a
   * bias [out], fused into one operation (one output tensor; the gradients are the hand-written
   * affine layer's, to the bit).
   */
  public Variable affine(Variable weight, Variable bias) {
    return MatrixGradients.affine(this, weight, bias);
  }

  // ---- Convolution and pooling (images in NCHW layout) ------------------------------------------

  /**
   * The 2-D convolution of this batch of images [batch, channels, height, width] with {@code
   * filters} [filters, channels, kernelHeight, kernelWidth] plus {@code bias} [filters]: [batch,
   * filters, outHeight, outWidth], the windows every {@code stride} pixels over the images framed by
   * {@code padding} zeros (cross-correlation, as the book and PyTorch compute it).
   */
  public Variable conv2d(Variable filters, Variable bias, int stride, int padding) {
    Objects.requireNonNull(bias, "conv2d: bias is null; use conv2d(filters, stride, padding) for none");
    return ConvolutionGradients.conv2d(this, filters, bias, stride, padding);
  }

  /** {@link #conv2d(Variable, Variable, int, int)} without a bias. */
  public Variable conv2d(Variable filters, int stride, int padding) {
    return ConvolutionGradients.conv2d(this, filters, null, stride, padding);
  }

  /**
   * The maximum of each {@code size x size} window every {@code stride} pixels of each channel of
   * this batch of images: [batch, channels, height, width] to [batch, channels, outHeight,
   * outWidth]. The gradient goes to the first maximum of a window, in row order.
   */
  public Variable maxPool2d(int size, int stride) {
    return ConvolutionGradients.maxPool2d(this, size, stride);
  }

  /** The mean of each {@code size x size} window every {@code stride} pixels of each channel. */
  public Variable avgPool2d(int size, int stride) {
    return ConvolutionGradients.avgPool2d(this, size, stride);
  }

  /** Each sample as one row: [batch, ...] to [batch, the product of the rest]. */
  public Variable flatten() {
    if (value.rank() < 1) {
      throw new IllegalArgumentException("flatten: a scalar has no batch axis");
    }
    int rest = 1;
    for (int d = 1; d < value.rank(); d++) {
      rest *= value.dim(d);
    }
    return reshape(value.dim(0), rest);
  }

  // ---- Reductions and normalization ------------------------------------------------------------

  /**
   * Batch normalization with the batch's statistics (training): {@code gamma * (x - mean) /
   * sqrt(var + epsilon) + beta}, mean and biased variance per feature over the batch (axis 0 of
   * [batch, features]; axes 0, 2, 3 of images [batch, channels, height, width], per channel);
   * {@code gamma} and {@code beta} have one element per feature. Evaluation with running
   * statistics is {@link io.nabla.layer.BatchNorm}'s.
   *
   * @throws IllegalArgumentException naming the shapes if they do not fit, or if epsilon is not
   *     positive
   */
  public Variable batchNorm(Variable gamma, Variable beta, double epsilon) {
    return BatchNormalization.batchNorm(this, gamma, beta, epsilon);
  }

  /**
   * {@link #batchNorm(Variable, Variable, double)}, also moving {@code runningMean} and {@code
   * runningVariance} ([features], written in place) towards the batch's statistics: {@code
   * running = momentum * running + (1 - momentum) * batch}, the variance biased, as the book's.
   *
   * @throws IllegalArgumentException naming the shapes if they do not fit
   */
  public Variable batchNorm(Variable gamma, Variable beta, double epsilon, Tensor runningMean,
      Tensor runningVariance, double momentum) {
    Objects.requireNonNull(runningMean, "batchNorm: running mean is null");
    Objects.requireNonNull(runningVariance, "batchNorm: running variance is null");
    return BatchNormalization.batchNorm(this, gamma, beta, epsilon, runningMean, runningVariance, momentum);
  }

  /** The sum of every element, as a scalar (shape []). */
  public Variable sum() {
    return ReductionGradients.sum(this, ReductionGradients.allAxes(this), false);
  }

  /** The sums along the given axes (negative counts from the end); {@code keepDims} keeps them as size 1. */
  public Variable sum(boolean keepDims, int... axes) {
    return ReductionGradients.sum(this, axes, keepDims);
  }

  /** The mean of every element, as a scalar. */
  public Variable mean() {
    return ReductionGradients.mean(this, ReductionGradients.allAxes(this), false);
  }

  /** The means along the given axes. */
  public Variable mean(boolean keepDims, int... axes) {
    return ReductionGradients.mean(this, axes, keepDims);
  }

  /** The maxima along the given axes; the gradient goes to every element equal to its maximum. */
  public Variable max(boolean keepDims, int... axes) {
    return ReductionGradients.max(this, axes, keepDims);
  }

  /** Softmax along the last axis. */
  public Variable softmax() {
    return ReductionGradients.softmax(this);
  }

  /** The logarithm of the softmax along the last axis, computed stably. */
  public Variable logSoftmax() {
    return ReductionGradients.logSoftmax(this);
  }

  // ---- Shape ------------------------------------------------------------------------------------

  /** The same elements in another shape (one dimension may be -1). */
  public Variable reshape(int... shape) {
    return ShapeGradients.reshape(this, shape);
  }

  /** The transpose of a matrix. */
  public Variable transpose() {
    return ShapeGradients.permute(this, 1, 0);
  }

  /** The axes reordered: axis i of the result is axis {@code axes[i]} of this. */
  public Variable permute(int... axes) {
    return ShapeGradients.permute(this, axes);
  }

  /** The elements {@code [from, to)} along {@code axis}. */
  public Variable slice(int axis, int from, int to) {
    return ShapeGradients.slice(this, axis, from, to);
  }

  /** The rows at {@code indices}, in order; a row taken twice gets both gradients. */
  public Variable gatherRows(int... indices) {
    return ShapeGradients.gatherRows(this, indices);
  }

  /** The variables joined along {@code axis}. */
  public static Variable concat(int axis, List<Variable> parts) {
    return ShapeGradients.concat(axis, parts);
  }

  // ---- Losses (scalars) -------------------------------------------------------------------------

  /** Softmax then cross-entropy of these scores against {@code t}, fused and averaged over the batch. */
  public Variable softmaxCrossEntropy(Targets t) {
    return LossGradients.softmaxCrossEntropy(this, t);
  }

  /** The chapter's mean squared error {@code 0.5 sum (y - t)^2}, averaged over the batch. */
  public Variable meanSquaredError(Targets t) {
    return LossGradients.meanSquaredError(this, t);
  }

  /** Any {@link Loss} of this output against {@code t}, with the loss's own gradient. */
  public Variable loss(Loss loss, Targets t) {
    return LossGradients.loss(this, loss, t);
  }

  @Override
  public String toString() {
    return "Variable(" + value.describe() + ", " + operation() + (requiresGrad ? ", requires grad)" : ")");
  }
}
