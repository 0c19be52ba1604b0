package io.nabla.optimizer;

import io.nabla.layer.Parameter;
import io.nabla.tensor.Tensor;
import java.util.IdentityHashMap;
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
  private final Map<Parameter, Tensor> squaredSums = new IdentityHashMap<>();

  /** AdaGrad with the given base learning rate. */
  public AdaGrad(double learningRate) {
    this.learningRate = Hyperparameters.positive("adagrad", "learning rate", learningRate);
  }

  @Override
  public void step(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      Tensor grad = Hyperparameters.gradientOf("adagrad", p);
      Tensor h = squaredSums.computeIfAbsent(p, k -> k.value().zerosLike());
      h.addi(grad.square());
      p.value().subi(grad.div(h.sqrt().addi(EPSILON)).muli(learningRate));
    }
  }
}
