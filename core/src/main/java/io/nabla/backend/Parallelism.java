package io.nabla.backend;

import java.util.function.IntConsumer;

/**
 * The one bounded thread pool that backends share for multi-threaded kernels, and the thread
 * count they use: on a thread inside {@link #callWithThreads}, the count given there; otherwise
 * {@link #setThreads} if called, else the system property {@value #PROPERTY}, else the
 * environment variable {@value #ENVIRONMENT}, else the number of available processors.
 *
 * <p>Kernels split work into disjoint parts of their output (for GEMM, blocks of rows), so the
 * result of every element is computed by the same arithmetic whatever the thread count.
 */
public final class Parallelism {

  /** System property with the number of threads kernels may use. */
  public static final String PROPERTY = "nabla.threads";

  /** Environment variable with the number of threads, when the property is not set. */
  public static final String ENVIRONMENT = "NABLA_THREADS";

  private static volatile int explicitThreads;
  // A task that owns fewer cores than the JVM sees (a Spark task with spark.task.cpus = 1, say).
  private static final ThreadLocal<Integer> threadsOfThisThread = new ThreadLocal<>();
  private static SpinningWorkers workers;

  private Parallelism() {}

  /**
   * The number of threads kernels may use, at least 1.
   *
   * @throws IllegalArgumentException if the property or environment variable is not a positive
   *     integer (the message names the setting and its value)
   */
  public static int threads() {
    Integer own = threadsOfThisThread.get();
    if (own != null) {
      return own;
    }
    int chosen = explicitThreads;
    if (chosen > 0) {
      return chosen;
    }
    String setting = PROPERTY;
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      setting = ENVIRONMENT;
      value = System.getenv(ENVIRONMENT);
    }
    if (value == null || value.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below, with the setting's name.
    }
    throw new IllegalArgumentException(
        setting + " must be a positive integer (a thread count), got '" + value + "'");
  }

  /**
   * Sets the thread count for the whole JVM, overriding the property and the environment; 0
   * returns to them.
   *
   * @throws IllegalArgumentException if {@code threads} is negative
   */
  public static void setThreads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("thread count must be >= 0, got " + threads);
    }
    explicitThreads = threads;
  }

  /**
   * Runs {@code body} with kernels called from this thread using at most {@code threads}
   * threads (1: every kernel on this thread alone), whatever the JVM-wide setting; other threads
   * are not affected. The previous count of this thread is restored afterwards, also on an
   * exception.
   *
   * @throws IllegalArgumentException if {@code threads} is less than 1
   */
  public static <T> T callWithThreads(int threads, java.util.function.Supplier<T> body) {
    if (threads < 1) {
      throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
    }
    Integer previous = threadsOfThisThread.get();
    threadsOfThisThread.set(threads);
    try {
      return body.get();
    } finally {
      if (previous == null) {
        threadsOfThisThread.remove();
      } else {
        threadsOfThisThread.set(previous);
      }
    }
  }

  /**
   * Runs {@code body} for every part {@code 0 <= part < parts}, on the shared workers ({@link
   * SpinningWorkers}) and the calling thread, and returns when all are done. With one part or one
   * thread everything runs on the calling thread. An exception in any part is rethrown here.
   */
  public static void forEachPart(int parts, IntConsumer body) {
    if (parts <= 1 || threads() == 1) {
      for (int part = 0; part < parts; part++) {
        body.accept(part);
      }
      return;
    }
    workers().run(parts, body);
  }

  /**
   * How many parts to split work of {@code units} independent units (rows, say) into, given that
   * a part should have at least {@code minUnitsPerPart}: at most {@link #threads()}, at least 1.
   */
  public static int partsFor(int units, int minUnitsPerPart) {
    int byWork = units / Math.max(1, minUnitsPerPart);
    return Math.max(1, Math.min(threads(), byWork));
  }

  private static synchronized SpinningWorkers workers() {
    if (workers == null) {
      // Bounded by the machine, not by the setting: a large nabla.threads only makes more parts.
      workers = new SpinningWorkers(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }
    return workers;
  }
}
