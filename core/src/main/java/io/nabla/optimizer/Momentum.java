package io.nabla.optimizer;

import io.nabla.layer.Parameter;
import io.nabla.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with momentum: {@code v <- momentum * v - lr * grad; W <- W + v}, with {@code v} starting
 * at zero for each parameter.
 */
public final class Momentum implements Optimizer {

  private final double learningRate;
  private final double momentum;
  private final Map<Parameter, Tensor> velocity = new IdentityHashMap<>();

  /** Momentum SGD; the usual momentum is 0.9. */
  public Momentum(double learningRate, double momentum) {
    this.learningRate = Hyperparameters.positive("momentum", "learning rate", learningRate);
    this.momentum = Hyperparameters.fraction("momentum", "momentum", momentum);
  }

  @Override
  public void step(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      Tensor grad = Hyperparameters.gradientOf("momentum", p);
      Tensor v = velocity.computeIfAbsent(p, k -> k.value().zerosLike());
      v.muli(momentum).addScaledi(-learningRate, grad);
      p.value().addScaledi(1.0, v);
    }
  }
}
