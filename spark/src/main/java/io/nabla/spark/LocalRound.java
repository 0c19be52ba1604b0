package io.nabla.spark;

import java.io.Serializable;

/**
 * What every partition starts a round of local steps from, broadcast once per round: the net's
 * parameters and buffers and the optimizer's state after the previous round.
 *
 * @param round the round, from 0
 * @param weights the net's parameters, then its buffers ({@link FlatTensors#ofNet})
 * @param optimizerTensors the optimizer's per-parameter tensors (none for SGD)
 * @param optimizerSteps the optimizer's step count
 */
record LocalRound(int round, FlatTensors weights, FlatTensors optimizerTensors, long optimizerSteps)
    implements Serializable {}
