package io.nabla.model;

import io.nabla.layer.Sequential;
import io.nabla.backend.DType;

/**
 * A {@link FeedForwardNet} with other than one hidden layer: no hidden layer (softmax regression)
 * or two and more. Made by {@link FeedForwardNet#builder} and {@link
 * FeedForwardNet#fromParameters}; one hidden layer is always a {@link TwoLayerNet}.
 */
public final class MultiLayerNet extends FeedForwardNet {

  MultiLayerNet(Sequential network, Activation activation) {
    super(network, activation);
  }

  @Override
  public MultiLayerNet asType(DType dtype) {
    return withSettingsOf(new MultiLayerNet(network().asType(dtype), activation()));
  }
}
