package io.nabla.spark;

import java.io.Serializable;

/**
 * What every partition needs for one synchronous step, broadcast once per step: the parameters
 * and the global mini-batch, as row numbers in partition order.
 *
 * @param step the step, from 0 (what the tasks seed their training draws with)
 * @param parameters the net's parameters before the step
 * @param batch the batch's rows, in the sampler's order
 */
record SyncStep(int step, FlatTensors parameters, int[] batch) implements Serializable {}
