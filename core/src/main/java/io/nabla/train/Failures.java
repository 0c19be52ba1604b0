package io.nabla.train;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Rethrowing what failed on another thread of the training loop as it was thrown there. */
final class Failures {

  private Failures() {}

  /**
   * The result of {@code future}, waiting for it: its failure rethrown through {@link #unwrap},
   * an interrupt kept and reported as waiting for {@code what}.
   */
  static <T> T get(Future<T> future, String what) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }

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
