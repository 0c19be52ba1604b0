package io.nabla.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The backend diagnostic: the JVM, the thread count and every backend found, available or not
 * and why; and the check that a set of backends is available, which CI uses so that a backend
 * that should run is never skipped silently.
 */
public final class BackendReport {

  /** Environment variable naming the backends that must be available, comma-separated. */
  public static final String REQUIRE_ENVIRONMENT = "NABLA_REQUIRE_BACKENDS";

  private BackendReport() {}

  /** A multi-line report: JDK, OS, threads, then one line per backend, the current one marked. */
  public static String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "JDK %s (%s), %s %s, %d processors, kernel threads %s%n",
        Runtime.version(), System.getProperty("java.vendor"), System.getProperty("os.name"),
        System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), threads()));
    String current = currentName();
    for (Backend b : Backends.all()) {
      Availability a = b.availability();
      sb.append(String.format(Locale.ROOT, "%s %-6s priority %3d  %s%s%n",
          b.name().equals(current) ? "*" : " ", b.name(), b.priority(),
          a.available() ? "available" : "unavailable: " + a.reason(),
          b.details().isEmpty() ? "" : "  [" + b.details() + "]"));
    }
    sb.append(current == null ? "no backend is available" : "* = current backend (" + current + ")");
    return sb.toString();
  }

  /**
   * Checks that every backend in the comma-separated list is found and available.
   *
   * @throws IllegalStateException listing each required backend that is missing or unavailable,
   *     with the reason
   */
  public static void checkRequired(String commaSeparatedNames) {
    List<String> problems = new ArrayList<>();
    for (String name : Arrays.stream(commaSeparatedNames.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList())) {
      try {
        Backends.get(name);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "required backends are not available (" + REQUIRE_ENVIRONMENT + "=" + commaSeparatedNames
              + "):\n  " + String.join("\n  ", problems));
    }
  }

  private static String threads() {
    try {
      return String.valueOf(Parallelism.threads());
    } catch (IllegalArgumentException e) {
      return "invalid (" + e.getMessage() + ")";
    }
  }

  private static String currentName() {
    try {
      return Backends.current().name();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
