package io.nabla.optimizer;

import io.nabla.layer.Parameter;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Workspace;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tensor per parameter that an optimizer keeps between steps (a velocity, a sum of squared
 * gradients), zero until first used, with its part of {@link OptimizerState}; or room it reuses
 * for a step's intermediates, which it then neither exports nor restores.
 */
final class Slots {

  private final String optimizer;
  private final String slot;
  private final Map<Parameter, Tensor> byParameter = new IdentityHashMap<>();

  Slots(String optimizer, String slot) {
    this.optimizer = optimizer;
    this.slot = slot;
  }

  /**
   * The parameter's tensor, created at zero (shaped like its value) on first use, outside any
   * {@link Workspace}: optimizer state lives across steps.
   */
  Tensor of(Parameter p) {
    return byParameter.computeIfAbsent(p, k -> Workspace.outside(() -> k.value().zerosLike()));
  }

  /** Puts a copy of each parameter's tensor into {@code state}. */
  void exportTo(List<Parameter> parameters, Map<String, Tensor> state) {
    for (Parameter p : parameters) {
      state.put(OptimizerState.key(p.name(), slot), of(p).copy());
    }
  }

  /**
   * Replaces each parameter's tensor with a copy of the one {@code state} holds for it, on the
   * parameter's backend.
   *
   * @throws IllegalArgumentException naming the key if the state lacks it or its shape or dtype
   *     differs from the parameter's
   */
  void importFrom(List<Parameter> parameters, OptimizerState state) {
    for (Parameter p : parameters) {
      String key = OptimizerState.key(p.name(), slot);
      Tensor saved = state.tensors().get(key);
      if (saved == null) {
        throw new IllegalArgumentException(optimizer + ".restore: the state has no '" + key + "'; it has "
            + state.tensors().keySet());
      }
      if (!saved.hasSameShape(p.value()) || saved.dtype() != p.value().dtype()) {
        throw new IllegalArgumentException(optimizer + ".restore: '" + key + "' is " + saved.describe()
            + " but parameter " + p.name() + " is " + p.value().describe());
      }
      byParameter.put(p, Workspace.outside(() -> saved.on(p.value().backend()).copy()));
    }
  }
}
