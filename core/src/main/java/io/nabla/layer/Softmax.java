package io.nabla.layer;

import io.nabla.backend.DType;
import io.nabla.tensor.NeuralOps;
import io.nabla.tensor.Tensor;
import java.util.List;

/**
 * Softmax along the last axis, {@code y_k = e^{x_k} / sum_j e^{x_j}} (stable: the row max is
 * subtracted first). Backward: {@code dx = y * (dout - sum_k dout_k y_k)} row by row. When the
 * loss is cross-entropy, prefer {@link io.nabla.loss.SoftmaxCrossEntropy}, whose fused gradient is
 * simpler and exact.
 */
public final class Softmax implements Layer {

  private Tensor output;

  @Override
  public Tensor forward(Tensor x) {
    output = NeuralOps.softmax(x);
    return output;
  }

  @Override
  public Tensor backward(Tensor gradOut) {
    LayerState.checkBackward("softmax", output, gradOut);
    int classes = output.dim(-1);
    Tensor y = output.reshape(-1, classes);
    Tensor dy = gradOut.reshape(-1, classes);
    Tensor weighted = dy.mul(y).sum(1).reshape(-1, 1);
    return dy.sub(weighted).muli(y).reshape(output.shape());
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public Softmax asType(DType dtype) {
    return new Softmax();
  }
}
