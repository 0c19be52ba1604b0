package io.nabla.gradcheck;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The comparison of analytic with numerical gradients, one entry per checked tensor (a
 * parameter by name, or {@code input}).
 *
 * @param entries one per checked tensor, in check order
 */
public record GradientReport(List<Entry> entries) {

  /**
   * How one analytic gradient compares with its numerical estimate.
   *
   * @param name the parameter's name, or {@code input}
   * @param maxAbsoluteError {@code max_i |analytic_i - numerical_i|}
   * @param meanAbsoluteError {@code mean_i |analytic_i - numerical_i|}, the chapter's measure
   * @param relativeError {@code ||analytic - numerical|| / (||analytic|| + ||numerical||)} in the
   *     Euclidean norm, 0 when both are zero: scale-free, and not thrown off by tiny elements
   */
  public record Entry(
      String name, double maxAbsoluteError, double meanAbsoluteError, double relativeError) {}

  /** Copies the entries. */
  public GradientReport {
    entries = ImmutableList.copyOf(entries);
  }

  /** The largest relative error of any entry (0 for an empty report). */
  public double worstRelativeError() {
    return entries.stream().mapToDouble(Entry::relativeError).max().orElse(0);
  }

  /**
   * Throws an {@link AssertionError} listing every entry whose relative error is not below
   * {@code tolerance} (NaN fails); usable directly in a JUnit test.
   */
  public GradientReport assertRelativeErrorBelow(double tolerance) {
    List<Entry> failing =
        entries.stream().filter(e -> !(e.relativeError() < tolerance)).toList();
    if (!failing.isEmpty() || entries.isEmpty()) {
      throw new AssertionError(
          "gradient check failed (relative error must be < " + tolerance + "):\n" + this);
    }
    return this;
  }

  /** One line per entry with its errors. */
  @Override
  public String toString() {
    if (entries.isEmpty()) {
      return "(no gradients were checked)";
    }
    return entries.stream()
        .map(
            e ->
                String.format(
                    Locale.ROOT,
                    "%-8s max abs %.3e  mean abs %.3e  relative %.3e",
                    e.name(), e.maxAbsoluteError(), e.meanAbsoluteError(), e.relativeError()))
        .collect(Collectors.joining("\n"));
  }
}
