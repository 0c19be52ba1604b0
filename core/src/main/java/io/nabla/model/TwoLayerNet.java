package io.nabla.model;

import io.nabla.layer.Sequential;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chapter's {@code TwoLayerNet}: {@code a1 = x . W1 + b1; z1 = sigmoid(a1); a2 = z1 . W2 +
 * b2; y = softmax(a2)}, with loss the cross-entropy of {@code y}. Parameters {@code W1} [in,
 * hidden], {@code b1} [hidden], {@code W2} [hidden, out], {@code b2} [out]; weights start as
 * {@code weightInitStd * N(0, 1)} and biases at zero. Built with {@link #builder}; the
 * {@link FeedForwardNet} with three layer sizes.
 */
public final class TwoLayerNet extends FeedForwardNet {

  TwoLayerNet(Sequential network, Activation activation) {
    super(network, activation);
  }

  /** Starts building a net with the given layer sizes (the chapter's MNIST net: 784, 50, 10). */
  public static FeedForwardNet.Builder<TwoLayerNet> builder(int inputSize, int hiddenSize, int outputSize) {
    return new FeedForwardNet.Builder<>(TwoLayerNet.class, inputSize, hiddenSize, outputSize);
  }

  /** Hidden units: the columns of {@code W1}. */
  public int hiddenSize() {
    return parametersByName().get("W1").value().dim(1);
  }

  @Override
  public TwoLayerNet asType(DType dtype) {
    return withSettingsOf(new TwoLayerNet(network().asType(dtype), activation()));
  }

  /**
   * Builds a net over the given parameter tensors (used in place), keyed {@code W1, b1, W2, b2}:
   * for loading saved weights.
   *
   * @throws IllegalArgumentException naming the parameter if one is missing or mis-shaped
   */
  public static TwoLayerNet fromParameters(Map<String, Tensor> params, Activation activation) {
    for (String key : new String[] {"W1", "b1", "W2", "b2"}) {
      if (!params.containsKey(key)) {
        throw new IllegalArgumentException(
            "twoLayerNet: parameter '" + key + "' is missing; found " + params.keySet());
      }
    }
    Tensor w1 = params.get("W1");
    Tensor w2 = params.get("W2");
    if (w1.rank() != 2 || w2.rank() != 2 || w1.dim(1) != w2.dim(0)) {
      throw new IllegalArgumentException(
          "twoLayerNet: W1 " + w1.describe() + " and W2 " + w2.describe()
              + " do not chain: W1 must be [in, hidden] and W2 [hidden, out]");
    }
    if (params.containsKey("W3")) {
      throw new IllegalArgumentException("twoLayerNet: parameter 'W3' belongs to a deeper net; load it with"
          + " FeedForwardNet.fromParameters");
    }
    Map<String, Tensor> four = new LinkedHashMap<>();
    for (String key : new String[] {"W1", "b1", "W2", "b2"}) {
      four.put(key, params.get(key));
    }
    return (TwoLayerNet) FeedForwardNet.fromParameters(four, activation);
  }
}
