package io.nabla.optimizer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An optimizer's name and the settings that decide its updates, such as {@code sgd} with {@code
 * learning_rate=0.1}: what a saved model records about how it was trained. The names are those of
 * {@link OptimizerKind#label()} and, for the settings, lower case with underscores.
 *
 * @param name the optimizer, for example {@code adam}
 * @param values each setting by name, in the order the optimizer's constructor takes them
 */
public record OptimizerSettings(String name, Map<String, Double> values) {

  /** Keeps an unmodifiable copy of the settings, in their order. */
  public OptimizerSettings {
    Objects.requireNonNull(name, "name");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The settings of {@code name} given as name, value pairs. */
  static OptimizerSettings of(String name, Object... namesAndValues) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
    }
    return new OptimizerSettings(name, values);
  }
}
