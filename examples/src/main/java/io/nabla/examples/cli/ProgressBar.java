package io.nabla.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with a carriage return, at most ten times a second.
 * It draws only when asked to and the output is an interactive terminal ({@link
 * #outputIsATerminal()}), so logs, pipes and tests get the per-epoch lines alone.
 */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private long lastDraw;
  private final long started = System.nanoTime();

  /** A bar on {@code err} that draws only if {@code enabled}. */
  ProgressBar(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** A bar on {@code err} that draws if {@code wanted} (no {@code --no-progress}) and the output is a terminal. */
  static ProgressBar forTerminal(PrintWriter err, boolean wanted) {
    return new ProgressBar(err, wanted && outputIsATerminal());
  }

  /** Whether this bar draws. */
  boolean enabled() {
    return enabled;
  }

  /**
   * Whether the JVM's standard streams are an interactive terminal. {@code System.console()} alone
   * does not tell from JDK 22 on, where it exists even when output goes to a file;
   * {@code Console.isTerminal()} (JDK 22+, called reflectively so this compiles for 17) does.
   */
  static boolean outputIsATerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 a console exists only for a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /** Redraws for {@code done} of {@code total} units, with a note such as the current loss. */
  void update(long done, long total, String note) {
    update(done, total, () -> note);
  }

  /** As {@link #update(long, long, String)}, formatting the note only when it is drawn. */
  void update(long done, long total, java.util.function.Supplier<String> note) {
    long now = System.nanoTime();
    if (!enabled || (now - lastDraw < 100_000_000L && done < total)) {
      return;
    }
    lastDraw = now;
    double fraction = total <= 0 ? 0 : Math.min(1, (double) done / total);
    int filled = (int) (fraction * WIDTH);
    double elapsed = (now - started) / 1e9;
    double remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
    err.print(String.format(Locale.ROOT, "\r[%s%s] %3.0f%% %s eta %.0fs   ",
        "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * fraction, note.get(), remaining));
    err.flush();
  }

  /** Clears the line, so the next output starts clean. */
  void clear() {
    if (enabled) {
      err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      err.flush();
    }
  }
}
