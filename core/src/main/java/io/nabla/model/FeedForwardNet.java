package io.nabla.model;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.layer.Affine;
import io.nabla.layer.Layer;
import io.nabla.layer.Parameter;
import io.nabla.layer.Sequential;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fully connected classifier of any depth: {@code h_0 = x}, {@code h_i = act(h_{i-1} . W_i +
 * b_i)} for every hidden layer, scores {@code h_{n-1} . W_n + b_n}, {@code y = softmax(scores)},
 * trained with softmax cross-entropy. Parameters {@code W1, b1, ..., Wn, bn}; {@code W_i} is
 * [sizes[i-1], sizes[i]]. Three layer sizes make the chapter's {@link TwoLayerNet}; other depths a
 * {@link MultiLayerNet}. Built with {@link #builder}, or over given tensors with {@link
 * #fromParameters}.
 */
public abstract class FeedForwardNet extends Net {

  private final Activation activation;

  /** A net over a stack of affine layers with {@code activation} between them. */
  FeedForwardNet(Sequential network, Activation activation) {
    super(network, Architecture.feedForward(activation, sizesOf(network)), List.of(sizesOf(network).get(0)));
    this.activation = Objects.requireNonNull(activation, "activation");
  }

  /** The layer sizes of a stack of affine layers {@code W1, W2, ...}. */
  private static List<Integer> sizesOf(Sequential network) {
    Map<String, Parameter> byName = network.parametersByName();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 1; byName.containsKey("W" + i); i++) {
      Tensor w = byName.get("W" + i).value();
      if (i == 1) {
        sizes.add(w.dim(0));
      }
      sizes.add(w.dim(1));
    }
    return List.copyOf(sizes);
  }

  /** The hidden activation. */
  public Activation activation() {
    return activation;
  }

  /** The layer sizes, input first and classes last: one more than the number of affine layers. */
  public List<Integer> layerSizes() {
    return sizesOf(network());
  }

  @Override
  public abstract FeedForwardNet asType(DType dtype);

  /** {@inheritDoc} A net of the same kind and activation over this one's parameter tensors. */
  @Override
  public Optional<Model> sharingParameters() {
    Map<String, Tensor> live = new LinkedHashMap<>();
    for (Parameter p : parameters()) {
      live.put(p.name(), p.value());
    }
    return Optional.of(withSettingsOf(fromParameters(live, activation)));
  }

  /**
   * Starts building a net with the given layer sizes, input first and classes last (at least two:
   * two sizes give softmax regression, three the chapter's {@link TwoLayerNet}).
   */
  public static Builder<FeedForwardNet> builder(int... sizes) {
    return new Builder<>(FeedForwardNet.class, sizes);
  }

  /**
   * A net over the given tensors (used in place), keyed {@code W1, b1, ..., Wn, bn}: a {@link
   * TwoLayerNet} for two affine layers, a {@link MultiLayerNet} otherwise.
   *
   * @throws IllegalArgumentException naming the parameter that is missing, left over or mis-shaped
   */
  public static FeedForwardNet fromParameters(Map<String, Tensor> params, Activation activation) {
    int layers = 0;
    while (params.containsKey("W" + (layers + 1))) {
      layers++;
    }
    if (layers == 0) {
      throw new IllegalArgumentException("feedForwardNet: parameter 'W1' is missing; found " + params.keySet());
    }
    List<Layer> stack = new ArrayList<>();
    for (int i = 1; i <= layers; i++) {
      Tensor w = params.get("W" + i);
      Tensor b = params.get("b" + i);
      if (b == null) {
        throw new IllegalArgumentException(
            "feedForwardNet: parameter 'b" + i + "' is missing; found " + params.keySet());
      }
      if (i > 1) {
        Tensor previous = params.get("W" + (i - 1));
        if (w.rank() != 2 || previous.dim(1) != w.dim(0)) {
          throw new IllegalArgumentException("feedForwardNet: W" + (i - 1) + " " + previous.describe()
              + " and W" + i + " " + w.describe() + " do not chain: W" + i + " must have "
              + previous.dim(1) + " rows");
        }
        stack.add(activation.newLayer());
      }
      stack.add(new Affine("W" + i, w, "b" + i, b));
    }
    if (params.size() != 2 * layers) {
      Map<String, Tensor> extra = new LinkedHashMap<>(params);
      for (int i = 1; i <= layers; i++) {
        extra.remove("W" + i);
        extra.remove("b" + i);
      }
      throw new IllegalArgumentException("feedForwardNet: parameters " + extra.keySet()
          + " do not belong to a net with layers W1..W" + layers);
    }
    Sequential network = new Sequential(stack);
    return layers == 2 ? new TwoLayerNet(network, activation) : new MultiLayerNet(network, activation);
  }

  /**
   * Options of a {@link FeedForwardNet}, with the chapter's defaults: weights {@code 0.01 * N(0,
   * 1)} drawn for {@code W1, W2, ...} in order from one generator seeded 42, biases zero, float32,
   * sigmoid.
   *
   * @param <N> the type {@link #build()} returns
   */
  public static final class Builder<N extends FeedForwardNet> {
    private final Class<N> type;
    private final int[] sizes;
    private WeightInit weightInit = WeightInit.CHAPTER;
    private long seed = 42;
    private DType dtype = DType.FLOAT32;
    private Activation activation = Activation.SIGMOID;
    private Backend backend;

    Builder(Class<N> type, int... sizes) {
      Objects.requireNonNull(sizes, "layer sizes");
      String net = type == TwoLayerNet.class ? "twoLayerNet" : "feedForwardNet";
      if (sizes.length < 2) {
        throw new IllegalArgumentException(net + ": needs at least two layer sizes (inputs and classes), got "
            + sizes.length);
      }
      for (int i = 0; i < sizes.length; i++) {
        if (sizes[i] <= 0) {
          throw new IllegalArgumentException(net + ": " + sizeName(type, i, sizes.length)
              + " must be positive, got " + sizes[i]);
        }
      }
      this.type = type;
      this.sizes = sizes.clone();
    }

    private static String sizeName(Class<?> type, int i, int count) {
      if (i == 0) {
        return "input size";
      }
      if (i == count - 1) {
        return "output size";
      }
      return type == TwoLayerNet.class ? "hidden size" : "layer size " + i;
    }

    /** Standard deviation of the initial weights (default 0.01, the chapter's). */
    public Builder<N> weightInitStd(double std) {
      if (!(std >= 0) || Double.isInfinite(std)) {
        throw new IllegalArgumentException("weightInitStd must be >= 0, got " + std);
      }
      return weightInit(WeightInit.normal(std));
    }

    /** How the initial weights are drawn (default {@link WeightInit#CHAPTER}). */
    public Builder<N> weightInit(WeightInit init) {
      this.weightInit = java.util.Objects.requireNonNull(init, "weightInit");
      return this;
    }

    /** Seed of the initial weights (default 42); the same seed gives the same net. */
    public Builder<N> seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Element type of the parameters (default float32). */
    public Builder<N> dtype(DType dtype) {
      this.dtype = Objects.requireNonNull(dtype, "dtype");
      return this;
    }

    /** Hidden activation (default sigmoid, the chapter's). */
    public Builder<N> activation(Activation activation) {
      this.activation = Objects.requireNonNull(activation, "activation");
      return this;
    }

    /**
     * Backend of the parameters, which allocates them. Without this call, {@link #build()} uses
     * {@link Backends#current()}; with it, the current backend is never consulted.
     */
    public Builder<N> backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** The net. */
    public N build() {
      Backend target = backend != null ? backend : Backends.current();
      SeededRandom random = new SeededRandom(seed);
      Map<String, Tensor> params = new LinkedHashMap<>();
      for (int i = 1; i < sizes.length; i++) {
        params.put("W" + i,
            Tensors.randomNormal(target, random, 0, weightInit.stdFor(sizes[i - 1]), dtype, sizes[i - 1], sizes[i]));
      }
      for (int i = 1; i < sizes.length; i++) {
        params.put("b" + i, Tensors.zeros(target, dtype, sizes[i]));
      }
      return type.cast(fromParameters(params, activation));
    }
  }
}
