package io.nabla.layer;

import io.nabla.backend.DType;
import io.nabla.tensor.MatrixOps;
import io.nabla.tensor.ReductionOps;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.List;
import java.util.Objects;

/**
 * The fully connected (dense) layer {@code out = x . W + b}: {@code x} is [batch, in] (or one
 * sample [in]), {@code W} is [in, out], {@code b} is [out], broadcast over the batch. Backward:
 * {@code dx = dout . W^T}, {@code dW = x^T . dout}, {@code db = sum over rows of dout}. The bias
 * is optional ({@link #withoutBias}), which gives the chapter's {@code simpleNet} its {@code x .
 * W}.
 */
public final class Affine implements Layer {

  private final Parameter weight;
  private final Parameter bias;
  private Tensor input;
  private Tensor output;
  private Tensor outputBuffer;
  private Tensor weightGrad;
  private Tensor biasGrad;
  private Tensor inputGrad;

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

  @Override
  public Tensor forward(Tensor x) {
    Objects.requireNonNull(x, "affine.forward: input is null");
    Tensor w = weight.value();
    Tensor batch = x.rank() == 1 ? x.reshape(1, x.size()) : x;
    if (batch.rank() != 2 || batch.dim(1) != w.dim(0)) {
      throw new IllegalArgumentException(
          "affine.forward: input " + Shapes.format(x.shape()) + " does not fit weight "
              + weight.name() + " " + Shapes.format(w.shape()) + ": expected [batch, "
              + w.dim(0) + "]");
    }
    Tensor out = Tensors.reuse(outputBuffer, w, batch.dim(0), w.dim(1));
    outputBuffer = out;
    MatrixOps.gemm(false, false, 1.0, batch, w, 0.0, out);
    if (bias != null) {
      out.addi(bias.value());
    }
    input = batch;
    output = x.rank() == 1 ? out.reshape(w.dim(1)) : out;
    return output;
  }

  @Override
  public Tensor backward(Tensor gradOut) {
    Tensor dout = parameterGradients(gradOut);
    Tensor w = weight.value();
    Tensor dx = Tensors.reuse(inputGrad, w, dout.dim(0), w.dim(0));
    inputGrad = dx;
    MatrixOps.gemm(false, true, 1.0, dout, w, 0.0, dx);
    return gradOut.rank() == 1 ? dx.reshape(w.dim(0)) : dx;
  }

  /** The weight and bias gradients only; {@code dx = dout . W^T} is not computed. */
  @Override
  public void backwardParameters(Tensor gradOut) {
    parameterGradients(gradOut);
  }

  /** Sets {@code dW = x^T . dout} and {@code db = sum over rows of dout}; returns dout as a matrix. */
  private Tensor parameterGradients(Tensor gradOut) {
    LayerState.checkBackward("affine", output, gradOut);
    Tensor w = weight.value();
    Tensor dout = gradOut.rank() == 1 ? gradOut.reshape(1, gradOut.size()) : gradOut;
    Tensor dw = Tensors.reuse(weightGrad, w, w.shape());
    weightGrad = dw;
    MatrixOps.gemm(true, false, 1.0, input, dout, 0.0, dw);
    weight.setGrad(dw);
    if (bias != null) {
      Tensor db = Tensors.reuse(biasGrad, w, w.dim(1));
      biasGrad = db;
      ReductionOps.sum(dout, 0, db);
      bias.setGrad(db);
    }
    return dout;
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
