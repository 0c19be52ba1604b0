package io.nabla.optimizer;

import io.nabla.layer.Parameter;
import io.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdaGrad: {@code h <- h + grad^2; W <- W - lr * grad / (sqrt(h) + 1e-7)}, a learning rate that
 * shrinks for each element as its gradients accumulate.
 */
public final class AdaGrad implements Optimizer {

  /** Keeps the division finite before any gradient has accumulated. */
  static final double EPSILON = 1e-7;

  private final double learningRate;
  private final Slots squaredSums = new Slots("adagrad", "h");
  private long steps;

  /** AdaGrad with the given base learning rate. */
  public AdaGrad(double learningRate) {
    this.learningRate = Hyperparameters.positive("adagrad", "learning rate", learningRate);
  }

  @Override
  public void step(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      Tensor grad = Hyperparameters.gradientOf("adagrad", p);
      Tensor h = squaredSums.of(p);
      h.addi(grad.square());
      p.value().subi(grad.div(h.sqrt().addi(EPSILON)).muli(learningRate));
    }
    steps++;
  }

  /** {@inheritDoc} AdaGrad keeps {@code <parameter>.h}, the sum of squared gradients. */
  @Override
  public OptimizerState state(List<Parameter> parameters) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    squaredSums.exportTo(parameters, tensors);
    return new OptimizerState(steps, tensors);
  }

  @Override
  public void restore(List<Parameter> parameters, OptimizerState state) {
    squaredSums.importFrom(parameters, state);
    steps = state.steps();
  }

  @Override
  public OptimizerSettings settings() {
    return OptimizerSettings.of("adagrad", "learning_rate", learningRate, "epsilon", EPSILON);
  }
}
