package io.nabla.optimizer;

import io.nabla.layer.Parameter;
import io.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with momentum: {@code v <- momentum * v - lr * grad; W <- W + v}, with {@code v} starting
 * at zero for each parameter.
 */
public final class Momentum implements Optimizer {

  private final double learningRate;
  private final double momentum;
  private final Slots velocity = new Slots("momentum", "velocity");
  private long steps;

  /** Momentum SGD; the usual momentum is 0.9. */
  public Momentum(double learningRate, double momentum) {
    this.learningRate = Hyperparameters.positive("momentum", "learning rate", learningRate);
    this.momentum = Hyperparameters.fraction("momentum", "momentum", momentum);
  }

  @Override
  public void step(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      Tensor grad = Hyperparameters.gradientOf("momentum", p);
      Tensor v = velocity.of(p);
      v.muli(momentum).addScaledi(-learningRate, grad);
      p.value().addScaledi(1.0, v);
    }
    steps++;
  }

  /** {@inheritDoc} Momentum keeps {@code <parameter>.velocity}. */
  @Override
  public OptimizerState state(List<Parameter> parameters) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    velocity.exportTo(parameters, tensors);
    return new OptimizerState(steps, tensors);
  }

  @Override
  public void restore(List<Parameter> parameters, OptimizerState state) {
    velocity.importFrom(parameters, state);
    steps = state.steps();
  }

  @Override
  public OptimizerSettings settings() {
    return OptimizerSettings.of("momentum", "learning_rate", learningRate, "momentum", momentum);
  }
}
