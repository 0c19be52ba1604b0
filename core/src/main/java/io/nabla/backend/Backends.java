package io.nabla.backend;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Discovery and selection of backends.
 *
 * <p>Backends on the class path are found once, lazily, with {@link ServiceLoader}. The current
 * backend is, in order: the one set with {@link #setCurrent(String)}; else the one named by the
 * system property {@value #PROPERTY}; else the one named by the environment variable {@value
 * #ENVIRONMENT}; else the available backend with the highest {@link Backend#priority()}.
 *
 * <p>What it has to say, such as a faster backend it skipped, goes through the JDK's platform
 * logging ({@link System.Logger}, logger {@code io.nabla.backend.Backends}): with no logging set
 * up at all it prints at WARNING on standard error, and a user routes it to SLF4J, Log4j or
 * java.util.logging with the usual bridge. A library logging through SLF4J alone would be silent
 * in a program without an SLF4J binding, which is most small programs.
 *
 * <p>This class is thread-safe.
 */
public final class Backends {

  /** System property that names the backend to use when none is set through the API. */
  public static final String PROPERTY = "nabla.backend";

  /** Environment variable that names the backend when neither the API nor the property does. */
  public static final String ENVIRONMENT = "NABLA_BACKEND";

  private static final System.Logger LOG = System.getLogger(Backends.class.getName());

  private static volatile ImmutableList<Backend> discovered;
  private static volatile Backend explicitChoice;

  private Backends() {}

  /** Every backend found on the class path, available or not, highest priority first. */
  public static List<Backend> all() {
    ImmutableList<Backend> found = discovered;
    if (found == null) {
      synchronized (Backends.class) {
        found = discovered;
        if (found == null) {
          found = discover();
          discovered = found;
        }
      }
    }
    return found;
  }

  private static ImmutableList<Backend> discover() {
    List<Backend> found = new ArrayList<>();
    for (Backend backend : ServiceLoader.load(Backend.class, Backends.class.getClassLoader())) {
      found.add(backend);
    }
    found.sort(Comparator.comparingInt(Backend::priority).reversed().thenComparing(Backend::name));
    LOG.log(System.Logger.Level.DEBUG, () -> "Nabla backends found: " + found.stream().map(Backend::name).toList());
    return ImmutableList.copyOf(found);
  }

  /** The backend with this name, if one was found (available or not). Names ignore case. */
  public static Optional<Backend> find(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return all().stream().filter(b -> b.name().equalsIgnoreCase(wanted)).findFirst();
  }

  /**
   * The available backend with this name.
   *
   * @throws IllegalArgumentException if no backend has that name (the message lists the names
   *     found) or the backend cannot run here (the message says why)
   */
  public static Backend get(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("backend name is empty; found: " + namesFound());
    }
    Backend backend =
        find(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown backend '" + name.trim() + "'; found: " + namesFound()));
    Availability availability = backend.availability();
    if (!availability.available()) {
      throw new IllegalArgumentException(
          "backend '" + backend.name() + "' is not available: " + availability.reason());
    }
    return backend;
  }

  /**
   * Makes the named backend the current one for the whole JVM, overriding the property and the
   * environment. {@code null} clears the choice.
   *
   * @throws IllegalArgumentException as {@link #get(String)}
   */
  public static void setCurrent(String name) {
    explicitChoice = name == null ? null : get(name);
  }

  /**
   * The backend new tensors use: the explicit choice, else {@value #PROPERTY}, else {@value
   * #ENVIRONMENT}, else the available backend of highest priority.
   *
   * @throws IllegalStateException if no backend is available at all
   * @throws IllegalArgumentException if the property or environment names a backend that is
   *     unknown or unavailable
   */
  public static Backend current() {
    Backend chosen = explicitChoice;
    if (chosen != null) {
      return chosen;
    }
    String named = System.getProperty(PROPERTY);
    if (named == null || named.isBlank()) {
      named = System.getenv(ENVIRONMENT);
    }
    if (named != null && !named.isBlank()) {
      return get(named);
    }
    return fastestAvailable();
  }

  /** Whether the default choice has already said which faster backends it skipped. */
  private static final AtomicBoolean SKIPPED_REPORTED = new AtomicBoolean();

  /**
   * Says once per JVM, at WARNING, which backends that would be preferred to {@code chosen} cannot run
   * and why (the reason names the fix, such as the JVM flag): a consumer who forgot a flag learns
   * why the default is slower than it should be, instead of guessing.
   */
  private static void warnOnceAboutFasterOnes(Backend chosen) {
    if (SKIPPED_REPORTED.get()) {
      return;
    }
    List<String> skipped = new ArrayList<>();
    for (Backend backend : all()) {
      if (backend.priority() > chosen.priority() && !backend.availability().available()) {
        skipped.add("'" + backend.name() + "' (" + backend.availability().reason() + ")");
      }
    }
    if (!skipped.isEmpty() && SKIPPED_REPORTED.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "Nabla is using backend '" + chosen.name() + "' because the faster "
          + (skipped.size() == 1 ? "one" : "ones") + " cannot run here: " + String.join("; ", skipped));
    }
  }

  private static Backend fastestAvailable() {
    for (Backend backend : all()) {
      if (backend.availability().available()) {
        warnOnceAboutFasterOnes(backend);
        return backend;
      }
    }
    if (all().isEmpty()) {
      throw new IllegalStateException(
          "no Nabla backend on the class path: add a backend module such as"
              + " io.nabla:nabla-backend-pure");
    }
    throw new IllegalStateException("no Nabla backend is available here: " + describeAll());
  }

  /** One line per backend found: its name, priority and availability (or why not). */
  public static String describeAll() {
    return all().stream()
        .map(
            b -> {
              Availability a = b.availability();
              return b.name()
                  + " (priority "
                  + b.priority()
                  + "): "
                  + (a.available() ? "available" : "unavailable: " + a.reason());
            })
        .collect(Collectors.joining("; "));
  }

  private static String namesFound() {
    List<Backend> all = all();
    return all.isEmpty()
        ? "none (no backend module on the class path)"
        : all.stream().map(Backend::name).collect(Collectors.joining(", "));
  }
}
