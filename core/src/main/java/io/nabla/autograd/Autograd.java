package io.nabla.autograd;

/**
 * Whether operations on {@link Variable}s are recorded, per thread. They are by default; inside a
 * {@link #noGrad()} scope they are not, which is what inference and an optimizer's in-place update
 * want: no graph is built and no tensor is kept for a backward pass.
 *
 * <pre>{@code
 * try (Autograd.Scope scope = Autograd.noGrad()) {
 *   Variable scores = model.forward(x); // no graph
 * }
 * }</pre>
 */
public final class Autograd {

  private static final ThreadLocal<Boolean> RECORDING = ThreadLocal.withInitial(() -> Boolean.TRUE);

  private Autograd() {}

  /** Whether this thread records operations now. */
  public static boolean isRecording() {
    return RECORDING.get();
  }

  /** Stops recording on this thread until the returned scope is closed, which restores the previous state. */
  public static Scope noGrad() {
    boolean previous = RECORDING.get();
    RECORDING.set(Boolean.FALSE);
    return new Scope(previous);
  }

  /**
   * Records operations on this thread until the returned scope is closed, even inside a {@link
   * #noGrad()} scope: for library code whose whole job is a gradient, such as a model's.
   */
  public static Scope enableGrad() {
    boolean previous = RECORDING.get();
    RECORDING.set(Boolean.TRUE);
    return new Scope(previous);
  }

  /** A scope that set recording; closing it restores recording as it was when the scope opened. */
  public static final class Scope implements AutoCloseable {
    private final boolean previous;
    private boolean closed;

    private Scope(boolean previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        RECORDING.set(previous);
      }
    }
  }
}
