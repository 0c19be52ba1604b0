package io.nabla.data;

/**
 * A dataset split as MNIST ships it.
 *
 * @param train the 60000 training samples
 * @param test the 10000 test samples
 */
public record MnistData(LabeledData train, LabeledData test) {}
