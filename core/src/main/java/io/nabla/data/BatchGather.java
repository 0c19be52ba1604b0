package io.nabla.data;

import io.nabla.tensor.ShapeOps;
import io.nabla.tensor.Tensor;

/**
 * The gather of a mini-batch: the chosen rows of a data set's examples and their labels, copied
 * into buffers the caller reuses from batch to batch. The one gather of Nabla's training loops,
 * on one machine ({@code io.nabla.train}) and on Spark's executors alike; the rows move in one
 * call of the backend's copy kernel.
 */
public final class BatchGather {

  private BatchGather() {}

  /**
   * Copies rows {@code rows} of {@code examples} (along its first axis) into {@code examplesOut}
   * and their labels {@code labels[rows[i]]} into {@code labelsOut}. {@code examplesOut} has
   * {@code examples}' shape with {@code rows.length} rows; {@code labelsOut} is at least that
   * long.
   *
   * @throws IndexOutOfBoundsException naming a row outside the data
   */
  public static void gather(Tensor examples, int[] labels, int[] rows, Tensor examplesOut, int[] labelsOut) {
    ShapeOps.gatherRows(examples, rows, examplesOut);
    for (int i = 0; i < rows.length; i++) {
      labelsOut[i] = labels[rows[i]];
    }
  }
}
