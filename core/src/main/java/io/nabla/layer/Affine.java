package io.nabla.layer;

import io.nabla.autograd.Variable;
import io.nabla.backend.DType;
import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * The fully connected (dense) layer {@code out = x . W + b}: {@code x} is [batch, in] (or one
 * sample [in], or a batch of samples of any shape of {@code in} elements, such as a convolution's
 * [batch, channels, height, width], each flattened to a row as the book's affine layer does),
 * {@code W} is [in, out], {@code b} is [out], broadcast over the batch. Automatic
 * differentiation gives the backward pass {@code dx = dout . W^T}, {@code dW = x^T . dout}, {@code
 * db = sum over rows of dout}. The bias is optional ({@link #withoutBias}), which gives the
 * chapter's {@code simpleNet} its {@code x . W}.
 */
public final class Affine implements Layer {

  private final Parameter weight;
  private final Parameter bias;

  /**
   * An affine layer over the given tensors (used in place, not copied).
   *
   * @param weightName the weight's parameter name, e.g. {@code W1}
   * @param weight the [in, out] weight matrix
   * @param biasName the bias's parameter name, e.g. {@code b1}
   * @param bias the [out] bias vector, same dtype as the weight
   * @throws IllegalArgumentException naming the shapes if they do not fit
   */
  public Affine(String weightName, Tensor weight, String biasName, Tensor bias) {
    this(new Parameter(weightName, checkWeight(weight)), new Parameter(biasName, bias));
    if (!bias.hasShape(weight.dim(1)) || bias.dtype() != weight.dtype()) {
      throw new IllegalArgumentException(
          "affine: bias " + biasName + " is " + bias.describe() + " but weight " + weightName
              + " is " + weight.describe() + "; the bias must be " + weight.dtype().label()
              + Shapes.format(weight.dim(1)));
    }
  }

  private Affine(Parameter weight, Parameter bias) {
    this.weight = weight;
    this.bias = bias;
  }

  /** The layer {@code out = x . W} with no bias. */
  public static Affine withoutBias(String weightName, Tensor weight) {
    return new Affine(new Parameter(weightName, checkWeight(weight)), null);
  }

  private static Tensor checkWeight(Tensor weight) {
    Objects.requireNonNull(weight, "affine: weight is null");
    if (weight.rank() != 2) {
      throw new IllegalArgumentException(
          "affine: weight must be a matrix [in, out], got " + Shapes.format(weight.shape()));
    }
    return weight;
  }

  /** The weight parameter. */
  public Parameter weight() {
    return weight;
  }

  /**
   * {@code x . W + b} for a batch [batch, in] (or one sample [in]): one fused operation ({@link
   * Variable#affine}), or the product alone without a bias.
   */
  @Override
  public Variable forward(Variable x) {
    Objects.requireNonNull(x, "affine.forward: input is null");
    Tensor w = weight.value();
    int[] shape = x.shape();
    checkInput(shape);
    Variable batch = shape.length == 2 ? x : x.reshape(rows(shape), w.dim(0));
    Variable out = bias == null
        ? batch.matmul(weight.variable())
        : batch.affine(weight.variable(), bias.variable());
    return shape.length == 1 ? out.reshape(w.dim(1)) : out;
  }

  /**
   * {@inheritDoc} The same operations as {@link #forward(Variable)}'s value, without its graph: the
   * loss and evaluations a training run scores on its second core come through here.
   */
  @Override
  public Tensor forward(Tensor x) {
    Objects.requireNonNull(x, "affine.forward: input is null");
    Tensor w = weight.value();
    int[] shape = x.shape();
    checkInput(shape);
    Tensor batch = shape.length == 2 ? x : x.reshape(rows(shape), w.dim(0));
    Tensor out = MatrixOps.matmul(batch, w);
    if (bias != null) {
      out.addi(bias.value());
    }
    return shape.length == 1 ? out.reshape(w.dim(1)) : out;
  }

  /** Rows of the product: 1 for one sample [in], else the batch. */
  private static int rows(int[] shape) {
    return shape.length == 1 ? 1 : shape[0];
  }

  private void checkInput(int[] shape) {
    Tensor w = weight.value();
    int perRow = 1;
    for (int d = shape.length == 1 ? 0 : 1; d < shape.length; d++) {
      perRow *= shape[d];
    }
    if (shape.length < 1 || perRow != w.dim(0)) {
      throw new IllegalArgumentException(
          "affine.forward: input " + Shapes.format(shape) + " does not fit weight "
              + weight.name() + " " + Shapes.format(w.shape()) + ": expected [batch, "
              + w.dim(0) + "] or a batch of samples of " + w.dim(0) + " elements");
    }
  }

  @Override
  public List<Parameter> parameters() {
    return bias == null ? List.of(weight) : List.of(weight, bias);
  }

  @Override
  public Affine asType(DType dtype) {
    Parameter w = new Parameter(weight.name(), weight.value().asType(dtype));
    Parameter b = bias == null ? null : new Parameter(bias.name(), bias.value().asType(dtype));
    return new Affine(w, b);
  }
}
