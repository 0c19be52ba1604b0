package io.nabla.layer;

import io.nabla.backend.UnaryOp;
import io.nabla.tensor.DType;
import io.nabla.tensor.ElementwiseOps;
import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.List;

/** The logistic activation {@code y = 1 / (1 + e^-x)}; backward {@code dx = dout * y * (1 - y)}. */
public final class Sigmoid implements Layer {

  private Tensor output;
  private Tensor inputGrad;

  @Override
  public Tensor forward(Tensor x) {
    output = Tensors.reuse(output, x, x.shape());
    ElementwiseOps.map(UnaryOp.SIGMOID, x, output);
    return output;
  }

  @Override
  public Tensor backward(Tensor gradOut) {
    LayerState.checkBackward("sigmoid", output, gradOut);
    Tensor dx = Tensors.reuse(inputGrad, gradOut, gradOut.shape());
    inputGrad = dx;
    NeuralOps.sigmoidBackward(output, gradOut, dx);
    return dx;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public Sigmoid asType(DType dtype) {
    return new Sigmoid();
  }
}
