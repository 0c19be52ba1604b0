package io.nabla.examples.results;

import io.nabla.backend.Availability;
import io.nabla.backend.BackendReport;
import io.nabla.backend.Backends;
import io.nabla.backend.Parallelism;
import java.util.List;
import java.util.Map;

/**
 * The backends found, which can run and why not, with the JDK and thread count ({@code nabla
 * backends}).
 *
 * @param report the table {@link BackendReport#describe()} prints
 * @param jdk the Java runtime's version
 * @param threads the threads a backend's kernels may use
 * @param current the backend new tensors use
 * @param backends every backend found, highest priority first
 */
public record BackendsResult(String report, String jdk, int threads, String current, List<Entry> backends)
    implements CommandResult {

  /**
   * One backend.
   *
   * @param name its name
   * @param priority its rank in the default choice
   * @param available whether it can run here
   * @param reason why not, or empty
   * @param details what it runs on (vector width, native library, ...)
   */
  public record Entry(String name, int priority, boolean available, String reason, String details) {}

  /** Keeps an unmodifiable copy of the entries. */
  public BackendsResult {
    backends = List.copyOf(backends);
  }

  /** The backends of this JVM. */
  public static BackendsResult ofThisJvm() {
    List<Entry> entries = Backends.all().stream().map(b -> {
      Availability a = b.availability();
      return new Entry(b.name(), b.priority(), a.available(), a.reason(), b.details());
    }).toList();
    return new BackendsResult(BackendReport.describe(), Runtime.version().toString(), Parallelism.threads(),
        Backends.current().name(), entries);
  }

  @Override
  public String text() {
    return report;
  }

  @Override
  public Map<String, Object> json() {
    return Fields.ordered("jdk", jdk, "threads", threads, "current", current, "backends", backends.stream()
        .map(e -> (Object) Fields.ordered("name", e.name(), "priority", e.priority(), "available", e.available(),
            "reason", e.reason(), "details", e.details()))
        .toList());
  }
}
