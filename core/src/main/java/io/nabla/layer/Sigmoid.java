package io.nabla.layer;

import io.nabla.tensor.DType;
import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.Tensor;
import java.util.List;

/** The logistic activation {@code y = 1 / (1 + e^-x)}; backward {@code dx = dout * y * (1 - y)}. */
public final class Sigmoid implements Layer {

  private Tensor output;

  @Override
  public Tensor forward(Tensor x) {
    output = x.sigmoid();
    return output;
  }

  @Override
  public Tensor backward(Tensor gradOut) {
    LayerState.checkBackward("sigmoid", output, gradOut);
    Tensor dx = gradOut.zerosLike();
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
