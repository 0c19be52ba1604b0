package io.nabla.spark;

import java.io.Serializable;

/**
 * What every partition needs for one synchronous step, broadcast once per step: the net's
 * parameters and buffers and the global mini-batch, as row numbers in partition order.
 *
 * @param step the step, from 0 (what the tasks seed their training draws with)
 * @param weights the net's parameters, then its buffers, before the step ({@link FlatTensors#ofNet})
 * @param batch the batch's rows, in the sampler's order
 */
record SyncStep(int step, FlatTensors weights, int[] batch) implements Serializable {}
