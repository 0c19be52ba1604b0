package io.nabla.spark;

import java.io.Serializable;

/**
 * What one partition returns after its local steps of a round.
 *
 * @param partition the partition
 * @param rows the partition's rows, its weight in the average
 * @param weights the parameters and buffers after its steps ({@link FlatTensors#ofNet}): batch
 *     normalization's running statistics as its training passes moved them
 * @param optimizerTensors the optimizer's tensors after its steps
 * @param steps the steps it took
 * @param lossSum the sum over its batches of batch loss times batch rows
 * @param samples the rows of all its batches
 * @param stepLosses each step's batch loss, taken before its update, in step order ({@code steps}
 *     of them): what the divergence rule reads
 */
record PartitionResult(
    int partition, int rows, FlatTensors weights, FlatTensors optimizerTensors, int steps,
    double lossSum, long samples, double[] stepLosses) implements Serializable {}
