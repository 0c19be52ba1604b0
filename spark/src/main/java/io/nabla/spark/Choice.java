package io.nabla.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.ml.param.ParamValidators;
import scala.Function1;

/**
 * A setting whose value is one of an enum's constants ({@code activation}, {@code optimizer},
 * {@code dtype}, {@code mode}), defined once for both faces: {@link DistributedTrainer.Builder}
 * takes the constant, the Spark ML param holds its label ({@code sigmoid}, {@code adam}), and
 * this is where the two meet, with the default. Listed in {@link FitSettings}.
 *
 * @param <E> the enum
 */
final class Choice<E extends Enum<E>> {

  private final String name;
  private final String doc;
  private final E defaultValue;
  private final Function<E, String> label;
  private final Map<String, E> byLabel = new LinkedHashMap<>();

  /**
   * @param values the constants a value may be, in the order messages list them
   * @param label the label users write for a constant (lower case)
   */
  Choice(String name, String doc, E defaultValue, E[] values, Function<E, String> label) {
    this.name = Objects.requireNonNull(name, "name");
    this.doc = Objects.requireNonNull(doc, "doc");
    this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
    this.label = Objects.requireNonNull(label, "label");
    for (E value : values) {
      byLabel.put(label.apply(value), value);
    }
  }

  /** The name of the builder method and of the Spark ML param, such as {@code activation}. */
  String name() {
    return name;
  }

  /** What the setting means, as Spark's {@code explainParams()} shows it. */
  String doc() {
    return doc;
  }

  /** The constant when none is given. */
  E defaultValue() {
    return defaultValue;
  }

  /** The default's label, the Spark ML param's default. */
  String defaultLabel() {
    return label.apply(defaultValue);
  }

  /** Every label, in order. */
  List<String> labels() {
    return List.copyOf(byLabel.keySet());
  }

  /**
   * Returns {@code value}, which any constant is.
   *
   * @throws NullPointerException naming the setting if {@code value} is null
   */
  E check(E value) {
    return Objects.requireNonNull(value, name);
  }

  /**
   * The constant with this label, in any case and without surrounding blanks.
   *
   * @throws IllegalArgumentException naming the setting, the text and the labels
   */
  E parse(String text) {
    E value = text == null ? null : byLabel.get(text.strip().toLowerCase(Locale.ROOT));
    if (value == null) {
      throw new IllegalArgumentException("unknown " + name + " '" + text + "'; expected one of "
          + String.join(", ", byLabel.keySet()));
    }
    return value;
  }

  /** The rule as a Spark ML param validator: the value is one of the labels. */
  Function1<String, Object> validator() {
    return ParamValidators.inArray(labels());
  }
}
