package io.nabla.model;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.layer.Affine;
import io.nabla.layer.Layer;
import io.nabla.layer.Sequential;
import io.nabla.tensor.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Map;
import java.util.Objects;

/**
 * The chapter's {@code TwoLayerNet}: {@code a1 = x . W1 + b1; z1 = sigmoid(a1); a2 = z1 . W2 +
 * b2; y = softmax(a2)}, with loss the cross-entropy of {@code y}. Parameters {@code W1} [in,
 * hidden], {@code b1} [hidden], {@code W2} [hidden, out], {@code b2} [out]; weights start as
 * {@code weightInitStd * N(0, 1)} and biases at zero. Built with {@link #builder}.
 */
public final class TwoLayerNet extends SoftmaxClassifier {

  private final Activation activation;

  private TwoLayerNet(Sequential network, Activation activation) {
    super(network);
    this.activation = activation;
  }

  /** Starts building a net with the given layer sizes (the chapter's MNIST net: 784, 50, 10). */
  public static Builder builder(int inputSize, int hiddenSize, int outputSize) {
    return new Builder(inputSize, hiddenSize, outputSize);
  }

  /** The hidden activation. */
  public Activation activation() {
    return activation;
  }

  /** Inputs per sample: the rows of {@code W1}. */
  public int inputSize() {
    return parametersByName().get("W1").value().dim(0);
  }

  /** Hidden units: the columns of {@code W1}. */
  public int hiddenSize() {
    return parametersByName().get("W1").value().dim(1);
  }

  /** Classes: the columns of {@code W2}. */
  public int outputSize() {
    return parametersByName().get("W2").value().dim(1);
  }

  /** The parameters' element type. */
  public DType dtype() {
    return parametersByName().get("W1").value().dtype();
  }

  @Override
  public TwoLayerNet asType(DType dtype) {
    return new TwoLayerNet(network().asType(dtype), activation);
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
    Layer first = new Affine("W1", w1, "b1", params.get("b1"));
    Layer second = new Affine("W2", w2, "b2", params.get("b2"));
    return new TwoLayerNet(new Sequential(first, activation.newLayer(), second), activation);
  }

  /** Options of a {@link TwoLayerNet}, with the chapter's defaults. */
  public static final class Builder {
    private final int inputSize;
    private final int hiddenSize;
    private final int outputSize;
    private double weightInitStd = 0.01;
    private long seed = 42;
    private DType dtype = DType.FLOAT32;
    private Activation activation = Activation.SIGMOID;
    private Backend backend;

    private Builder(int inputSize, int hiddenSize, int outputSize) {
      checkSize("input size", inputSize);
      checkSize("hidden size", hiddenSize);
      checkSize("output size", outputSize);
      this.inputSize = inputSize;
      this.hiddenSize = hiddenSize;
      this.outputSize = outputSize;
    }

    private static void checkSize(String what, int size) {
      if (size <= 0) {
        throw new IllegalArgumentException("twoLayerNet: " + what + " must be positive, got " + size);
      }
    }

    /** Standard deviation of the initial weights (default 0.01, the chapter's). */
    public Builder weightInitStd(double std) {
      if (!(std >= 0) || Double.isInfinite(std)) {
        throw new IllegalArgumentException("twoLayerNet: weightInitStd must be >= 0, got " + std);
      }
      this.weightInitStd = std;
      return this;
    }

    /** Seed of the initial weights (default 42); the same seed gives the same net. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Element type of the parameters (default float32). */
    public Builder dtype(DType dtype) {
      this.dtype = Objects.requireNonNull(dtype, "dtype");
      return this;
    }

    /** Hidden activation (default sigmoid, the chapter's). */
    public Builder activation(Activation activation) {
      this.activation = Objects.requireNonNull(activation, "activation");
      return this;
    }

    /**
     * Backend of the parameters, which allocates them. Without this call, {@link #build()} uses
     * {@link Backends#current()}; with it, the current backend is never consulted.
     */
    public Builder backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** The net. */
    public TwoLayerNet build() {
      Backend target = backend != null ? backend : Backends.current();
      SeededRandom random = new SeededRandom(seed);
      Tensor w1 = Tensors.randomNormal(target, random, 0, weightInitStd, dtype, inputSize, hiddenSize);
      Tensor w2 = Tensors.randomNormal(target, random, 0, weightInitStd, dtype, hiddenSize, outputSize);
      return fromParameters(
          Map.of(
              "W1", w1,
              "b1", Tensors.zeros(target, dtype, hiddenSize),
              "W2", w2,
              "b2", Tensors.zeros(target, dtype, outputSize)),
          activation);
    }
  }
}
