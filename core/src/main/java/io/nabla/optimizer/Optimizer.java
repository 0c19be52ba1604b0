package io.nabla.optimizer;

import io.nabla.layer.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  /**
   * A copy of what this optimizer keeps for {@code parameters}: its step count and, per
   * parameter, its slot tensors (zero for a parameter it has not updated yet). Modifies nothing.
   */
  OptimizerState state(List<Parameter> parameters);

  /**
   * Continues from {@code state} (taken from this kind of optimizer, with the same settings, for
   * parameters of the same names and shapes): a copy of its tensors replaces what this optimizer
   * kept for {@code parameters}, and its step count becomes this optimizer's.
   *
   * @throws IllegalArgumentException naming the key if a tensor is missing or does not fit
   */
  void restore(List<Parameter> parameters, OptimizerState state);

  /**
   * This optimizer's name and settings, as a saved model records how it was trained. Nabla's
   * optimizers name every setting; the default, for an optimizer written before this method
   * existed, gives its class name in lower case and no settings.
   */
  default OptimizerSettings settings() {
    return new OptimizerSettings(getClass().getSimpleName().toLowerCase(Locale.ROOT), Map.of());
  }
}
