package io.nabla.spark;

/**
 * Input that Nabla cannot train on or score, found on the driver (a missing column, a column of
 * the wrong type) or in a task (a value that is NaN, a label outside the classes, a vector of
 * the wrong length, a null): the message names the column, the value and where it was found.
 * When it is found in a task, the driver throws a new one with the same message, the Spark
 * failure attached as its cause.
 */
public final class NablaDataException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** An error with the given message. */
  public NablaDataException(String message) {
    super(message);
  }

  /** An error with the given message and the failure that carried it here. */
  public NablaDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
