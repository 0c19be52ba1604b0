package io.nabla.layer;

import io.nabla.backend.UnaryOp;
import io.nabla.tensor.DType;
import io.nabla.tensor.ElementwiseOps;
import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.List;

/** The rectifier {@code y = max(0, x)}; backward passes {@code dout} where {@code x > 0}. */
public final class Relu implements Layer {

  private Tensor input;
  private Tensor output;
  private Tensor inputGrad;

  @Override
  public Tensor forward(Tensor x) {
    input = x;
    output = Tensors.reuse(output, x, x.shape());
    ElementwiseOps.map(UnaryOp.RELU, x, output);
    return output;
  }

  @Override
  public Tensor backward(Tensor gradOut) {
    LayerState.checkBackward("relu", output, gradOut);
    Tensor dx = Tensors.reuse(inputGrad, gradOut, gradOut.shape());
    inputGrad = dx;
    NeuralOps.reluBackward(input, gradOut, dx);
    return dx;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public Relu asType(DType dtype) {
    return new Relu();
  }
}
