package io.nabla.spark;

import java.io.Serializable;

/**
 * What every partition starts a round of local steps from, broadcast once per round: the
 * parameters and the optimizer's state after the previous round.
 *
 * @param round the round, from 0
 * @param parameters the net's parameters
 * @param optimizerTensors the optimizer's per-parameter tensors (none for SGD)
 * @param optimizerSteps the optimizer's step count
 */
record LocalRound(int round, FlatTensors parameters, FlatTensors optimizerTensors, long optimizerSteps)
    implements Serializable {}
