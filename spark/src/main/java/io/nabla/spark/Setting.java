package io.nabla.spark;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import scala.Function1;

/**
 * One setting of a distributed fit, defined once for both of its faces: the method of {@link
 * DistributedTrainer.Builder} and the Spark ML param of {@link NablaParams} that share its name.
 * It holds what the setting means, its default and the rule a value must follow; the builder
 * checks values with {@link #check} (an error naming the setting, the rule and the value), the
 * param with {@link #validator()} (Spark's own error, "parameter NAME given invalid value"). The
 * settings themselves are listed in {@link FitSettings}.
 *
 * @param <T> the value's type as the builder takes it ({@code Double} for {@code double})
 */
final class Setting<T> {

  /** A rule on values; serializable, since Spark ML params carry their validator with them. */
  @FunctionalInterface
  interface Rule<T> extends Predicate<T>, Serializable {}

  private final String name;
  private final String doc;
  private final T defaultValue;
  private final Rule<T> rule;
  private final String requirement;
  private final Function<T, String> show;

  private Setting(String name, String doc, T defaultValue, Rule<T> rule, String requirement,
      Function<T, String> show) {
    this.name = Objects.requireNonNull(name, "name");
    this.doc = Objects.requireNonNull(doc, "doc");
    this.defaultValue = defaultValue;
    this.rule = Objects.requireNonNull(rule, "rule");
    this.requirement = Objects.requireNonNull(requirement, "requirement");
    this.show = Objects.requireNonNull(show, "show");
  }

  /**
   * A setting whose values must follow {@code rule}.
   *
   * @param defaultValue the value when none is given; null for a setting that has none
   * @param requirement the rule in words, completing "NAME must be ...": {@code "at least 1"}
   */
  static <T> Setting<T> of(String name, String doc, T defaultValue, Rule<T> rule, String requirement) {
    return new Setting<>(name, doc, defaultValue, rule, requirement, String::valueOf);
  }

  /** As {@link #of}, with values shown in messages by {@code show} (an array's elements, say). */
  static <T> Setting<T> of(String name, String doc, T defaultValue, Rule<T> rule, String requirement,
      Function<T, String> show) {
    return new Setting<>(name, doc, defaultValue, rule, requirement, show);
  }

  /** A setting any value but null may take. */
  static <T> Setting<T> any(String name, String doc, T defaultValue) {
    return new Setting<>(name, doc, defaultValue, value -> true, "given", String::valueOf);
  }

  /** The name of the builder method and of the Spark ML param, such as {@code stepSize}. */
  String name() {
    return name;
  }

  /** What the setting means, as Spark's {@code explainParams()} shows it. */
  String doc() {
    return doc;
  }

  /** The value when none is given; null if the setting has none (it must then be given). */
  T defaultValue() {
    return defaultValue;
  }

  /** Whether {@code value} follows the rule (null never does). */
  boolean allows(T value) {
    return value != null && rule.test(value);
  }

  /**
   * Returns {@code value} if it follows the rule.
   *
   * @throws NullPointerException naming the setting if {@code value} is null
   * @throws IllegalArgumentException naming the setting, the rule and the value otherwise
   */
  T check(T value) {
    Objects.requireNonNull(value, name);
    if (!rule.test(value)) {
      throw new IllegalArgumentException(name + " must be " + requirement + ", got " + show.apply(value));
    }
    return value;
  }

  /**
   * The rule as a Spark ML param validator. Spark hands a validator its values boxed ({@code
   * Double}, {@code Integer}) or as they are ({@code int[]}, {@code String}); the type parameter
   * lets one method serve {@code DoubleParam}, {@code IntParam} and the others, whose Java view
   * of the validator's argument differs.
   */
  @SuppressWarnings("unchecked")
  <S> Function1<S, Object> validator() {
    Rule<T> r = rule; // the validator carries the rule alone, not this setting
    return (Function1<S, Object> & Serializable) value -> value != null && r.test((T) value);
  }
}
