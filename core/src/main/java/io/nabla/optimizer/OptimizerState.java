package io.nabla.optimizer;

import io.nabla.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of what an {@link Optimizer} keeps between steps, so that it can be saved, moved to
 * another process, combined with other snapshots and restored: the number of steps taken and,
 * per parameter, the tensors it keeps, keyed {@code "<parameter>.<slot>"} ({@code W1.velocity}
 * for {@link Momentum}, {@code W1.h} for {@link AdaGrad}, {@code W1.m} and {@code W1.v} for
 * {@link Adam}; none for {@link Sgd}).
 *
 * @param steps the optimizer steps taken so far (Adam's bias correction depends on it)
 * @param tensors the per-parameter tensors, in the parameters' order
 */
public record OptimizerState(long steps, Map<String, Tensor> tensors) {

  /** Checks the step count and keeps an unmodifiable copy of the map (the tensors are shared). */
  public OptimizerState {
    if (steps < 0) {
      throw new IllegalArgumentException("optimizer state: steps must be >= 0, got " + steps);
    }
    Objects.requireNonNull(tensors, "optimizer state: tensors");
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** The key of a parameter's slot tensor. */
  public static String key(String parameter, String slot) {
    return parameter + "." + slot;
  }
}
