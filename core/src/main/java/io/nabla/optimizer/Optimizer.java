package io.nabla.optimizer;

import io.nabla.layer.Parameter;
import java.util.List;

/**
 * Updates parameters in place from their gradients, one step at a time. Optimizers with state
 * (velocities, squared-gradient sums) keep it per parameter object, so one optimizer instance
 * serves one model; it is not thread-safe.
 */
public interface Optimizer {

  /**
   * Applies one update to every parameter.
   *
   * @throws IllegalStateException naming the parameter if one has no gradient
   */
  void step(List<Parameter> parameters);
}
