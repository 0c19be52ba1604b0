package io.nabla.optimizer;

import io.nabla.layer.Parameter;
import java.util.List;

/** Stochastic gradient descent, the chapter's update {@code W <- W - lr * grad}. Keeps no tensors between steps. */
public final class Sgd implements Optimizer {

  private final double learningRate;
  private long steps;

  /** SGD with the given learning rate (the chapter uses 0.1). */
  public Sgd(double learningRate) {
    this.learningRate = Hyperparameters.positive("sgd", "learning rate", learningRate);
  }

  /** The learning rate. */
  public double learningRate() {
    return learningRate;
  }

  @Override
  public void step(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      p.value().addScaledi(-learningRate, Hyperparameters.gradientOf("sgd", p));
    }
    steps++;
  }

  /** {@inheritDoc} SGD keeps no tensors, only its step count. */
  @Override
  public OptimizerState state(List<Parameter> parameters) {
    return new OptimizerState(steps, java.util.Map.of());
  }

  @Override
  public void restore(List<Parameter> parameters, OptimizerState state) {
    steps = state.steps();
  }

  @Override
  public OptimizerSettings settings() {
    return OptimizerSettings.of("sgd", "learning_rate", learningRate);
  }
}
