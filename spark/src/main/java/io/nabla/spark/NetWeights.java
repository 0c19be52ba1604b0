package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.model.Activation;
import io.nabla.model.FeedForwardNet;
import io.nabla.backend.DType;
import java.io.Serializable;
import java.util.List;

/**
 * A trained net as data: its layer sizes, activation, dtype and parameters, without a backend, so
 * that a Spark ML model can be serialized into tasks and rebuild the net wherever it scores.
 *
 * @param layers layer sizes, inputs first and classes last
 * @param activation the hidden activation
 * @param parameters {@code W1, b1, ..., Wn, bn}
 */
record NetWeights(List<Integer> layers, Activation activation, FlatTensors parameters) implements Serializable {

  NetWeights {
    layers = List.copyOf(layers);
  }

  /** The net's weights (copied). */
  static NetWeights of(FeedForwardNet net) {
    return new NetWeights(net.layerSizes(), net.activation(), FlatTensors.ofValues(net.parameters()));
  }

  /** The parameters' element type. */
  DType dtype() {
    return parameters.dtype();
  }

  /** Inputs per row. */
  int inputSize() {
    return layers.get(0);
  }

  /** Classes. */
  int classes() {
    return layers.get(layers.size() - 1);
  }

  /** A new net with these weights on {@code backend}. */
  FeedForwardNet net(Backend backend) {
    return FeedForwardNet.fromParameters(parameters.toTensors(backend), activation);
  }
}
