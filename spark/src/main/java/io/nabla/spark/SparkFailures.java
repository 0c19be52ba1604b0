package io.nabla.spark;

import java.util.function.Supplier;

/**
 * Runs a Spark action and turns a failure inside a task into an error whose own message is
 * Nabla's: a {@link NablaDataException} thrown on an executor comes back as a new one with the
 * same message (the Spark failure as its cause), any other task failure as an {@link
 * IllegalStateException} that says what was running and the root cause's message first.
 */
final class SparkFailures {

  private SparkFailures() {}

  /** The action's result, or the failure translated. */
  static <T> T run(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (NablaDataException e) {
      throw e;
    } catch (Exception e) { // Spark throws its checked SparkException from Scala code, undeclared
      throw translate(what, e);
    }
  }

  static RuntimeException translate(String what, Throwable failure) {
    Throwable root = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NablaDataException) {
        return new NablaDataException(t.getMessage(), failure);
      }
      root = t;
    }
    if (failure.getClass().getName().startsWith("org.apache.spark") && root != failure) {
      return new IllegalStateException(what + " failed: " + root, failure);
    }
    return failure instanceof RuntimeException r ? r : new IllegalStateException(what + " failed: " + failure, failure);
  }
}
