package io.nabla.train;

import java.util.concurrent.ExecutionException;

/** Rethrowing what failed on another thread of the training loop as it was thrown there. */
final class Failures {

  private Failures() {}

  /**
   * The cause of {@code e} when it is unchecked (an {@link Error} is thrown from here), else an
   * {@link IllegalStateException} around it.
   */
  static RuntimeException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException("a task of the training loop failed", cause);
  }
}
