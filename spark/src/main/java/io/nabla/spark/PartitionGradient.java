package io.nabla.spark;

import java.io.Serializable;

/**
 * One partition's share of a synchronous step: the mean gradient over the batch's rows it holds.
 *
 * @param partition the partition
 * @param rows how many of the batch's rows it holds, its weight in the sum
 * @param gradient the gradient of the mean loss over those rows
 * @param lossSum their mean loss times {@code rows}
 * @param buffers the net's buffers after the pass over those rows: batch normalization's running
 *     statistics moved by the statistics of these rows (empty for a net without buffers)
 */
record PartitionGradient(int partition, int rows, FlatTensors gradient, double lossSum, FlatTensors buffers) implements Serializable {}
