package io.nabla.optimizer;

import io.nabla.layer.Parameter;
import io.nabla.tensor.OptimizerOps;
import io.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015), in the bias-corrected form: at step {@code t}, {@code m <- m +
 * (1 - beta1) (grad - m)}, {@code v <- v + (1 - beta2) (grad^2 - v)}, {@code W <- W - lr_t * m /
 * (sqrt(v) + 1e-7)} with {@code lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)}.
 */
public final class Adam implements Optimizer {

  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final Slots firstMoment = new Slots("adam", "m");
  private final Slots secondMoment = new Slots("adam", "v");
  /** Room for each intermediate of a parameter's update, so that a step allocates nothing; not state. */
  private final Slots scratch = new Slots("adam", "scratch");
  private long steps;

  /** Adam with the usual defaults: {@code lr = 0.001, beta1 = 0.9, beta2 = 0.999}. */
  public Adam() {
    this(0.001, 0.9, 0.999);
  }

  /** Adam with the given learning rate and moment decay rates. */
  public Adam(double learningRate, double beta1, double beta2) {
    this.learningRate = Hyperparameters.positive("adam", "learning rate", learningRate);
    this.beta1 = Hyperparameters.fraction("adam", "beta1", beta1);
    this.beta2 = Hyperparameters.fraction("adam", "beta2", beta2);
  }

  @Override
  public void step(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      Hyperparameters.gradientOf("adam", p);
    }
    steps++;
    double lrT =
        learningRate * Math.sqrt(1 - Math.pow(beta2, steps)) / (1 - Math.pow(beta1, steps));
    for (Parameter p : parameters) {
      OptimizerOps.adamStep(p.grad(), firstMoment.of(p), secondMoment.of(p), p.value(), () -> scratch.of(p),
          1 - beta1, 1 - beta2, AdaGrad.EPSILON, lrT);
    }
  }

  /** {@inheritDoc} Adam keeps {@code <parameter>.m} and {@code <parameter>.v}, the two moments. */
  @Override
  public OptimizerState state(List<Parameter> parameters) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    firstMoment.exportTo(parameters, tensors);
    secondMoment.exportTo(parameters, tensors);
    return new OptimizerState(steps, tensors);
  }

  @Override
  public void restore(List<Parameter> parameters, OptimizerState state) {
    firstMoment.importFrom(parameters, state);
    secondMoment.importFrom(parameters, state);
    steps = state.steps();
  }

  @Override
  public OptimizerSettings settings() {
    return OptimizerSettings.of("adam", "learning_rate", learningRate, "beta1", beta1, "beta2", beta2,
        "epsilon", AdaGrad.EPSILON);
  }
}
