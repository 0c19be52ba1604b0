package io.nabla.model;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.DType;
import io.nabla.layer.Parameter;
import io.nabla.layer.Sequential;
import io.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A classifier whose layers an {@link Architecture} describes, for samples of a known shape: what
 * {@link ModelFile} saves and loads, the command line trains ({@code nabla train --net}) and Spark
 * fits, without the code that built it. A fully connected one is a {@link FeedForwardNet} (the
 * chapter's {@link TwoLayerNet} among them), whatever made it.
 *
 * <pre>{@code
 * Net net = Net.builder("affine(100) relu residual(affine(100) relu) affine(10)", 784).seed(7).build();
 * }</pre>
 */
public class Net extends SoftmaxClassifier {

  private final Architecture architecture;
  private final List<Integer> inputShape;

  /** A net over layers {@code architecture} built for samples of {@code inputShape}. */
  Net(Sequential network, Architecture architecture, List<Integer> inputShape) {
    super(network);
    this.architecture = Objects.requireNonNull(architecture, "architecture");
    this.inputShape = List.copyOf(inputShape);
  }

  /**
   * A net of {@code architecture} for samples of {@code inputShape} over the given tensors (used
   * in place), keyed {@code W1, b1, W2, b2, ...} (a batch normalization's {@code gammaK, betaK}
   * and its buffers {@code running_meanK, running_varK}): a {@link FeedForwardNet} when the layers
   * make one.
   *
   * @throws IllegalArgumentException naming the parameter missing, left over or mis-shaped, or the
   *     layer that cannot take its input
   */
  public static Net fromParameters(Architecture architecture, List<Integer> inputShape, Map<String, Tensor> params) {
    architecture.outputShape(inputShape);
    Optional<Architecture.FeedForward> mlp = architecture.feedForward(inputShape);
    if (mlp.isPresent()) {
      FeedForwardNet net = FeedForwardNet.fromParameters(params, mlp.get().activation());
      if (!net.layerSizes().equals(mlp.get().layerSizes())) {
        throw new IllegalArgumentException("its description says sizes " + sizes(mlp.get().layerSizes())
            + " but its arrays have " + sizes(net.layerSizes()));
      }
      return net;
    }
    return new Net(architecture.build(inputShape, ParameterSource.given(params)), architecture, inputShape);
  }

  /**
   * The classifier over a stack of Nabla's own layers, for samples of {@code inputShape}: a net
   * that {@link ModelFile} can save. Its parameters are the stack's tensors (shared, not copied),
   * named by position ({@code W1, b1, ...}) whatever the stack called them.
   *
   * @throws IllegalArgumentException naming a layer that has no text in an architecture, or one
   *     that cannot take its input
   */
  public static Net over(Sequential network, int... inputShape) {
    Architecture architecture = Architecture.of(network);
    List<Integer> shape = listOf(inputShape);
    // Building the architecture over the stack's own tensors, in order, names them as a net does.
    ParameterSource.InOrder named = ParameterSource.inOrder(
        network.parameters().stream().map(Parameter::value).toList(), network.buffers().values());
    architecture.build(shape, named);
    return fromParameters(architecture, shape, named.named());
  }

  /** Starts building a net of {@code architecture} (text as {@link Architecture#parse} reads it). */
  public static Builder builder(String architecture, int... inputShape) {
    return builder(Architecture.parse(architecture), inputShape);
  }

  /** Starts building a net of {@code architecture} for samples of {@code inputShape} (784 for MNIST). */
  public static Builder builder(Architecture architecture, int... inputShape) {
    return new Builder(architecture, listOf(inputShape));
  }

  /** The layers, as text. */
  public Architecture architecture() {
    return architecture;
  }

  /** A sample's shape, without the batch dimension: [784] for an MNIST image as a vector. */
  public List<Integer> inputShape() {
    return inputShape;
  }

  /**
   * {@inheritDoc} Rows of {@link #inputSize()} elements are viewed as samples of {@link
   * #inputShape()} (no copy), so that data read as rows of pixels feed a net of images.
   */
  @Override
  protected Tensor asSamples(Tensor x) {
    if (inputShape.size() > 1 && x.rank() == 2 && x.dim(1) == inputSize()) {
      int[] shape = new int[inputShape.size() + 1];
      shape[0] = x.dim(0);
      for (int d = 0; d < inputShape.size(); d++) {
        shape[d + 1] = inputShape.get(d);
      }
      return x.reshape(shape);
    }
    return x;
  }

  /** {@inheritDoc} */
  @Override
  public Net weightDecay(double lambda) {
    super.weightDecay(lambda);
    return this;
  }

  /** Inputs per sample: the product of {@link #inputShape()}. */
  public int inputSize() {
    int n = 1;
    for (int d : inputShape) {
      n *= d;
    }
    return n;
  }

  /** Classes: the size of a sample's scores. */
  public int outputSize() {
    List<Integer> out = architecture.outputShape(inputShape);
    return out.get(out.size() - 1);
  }

  /** The parameters' element type. */
  public DType dtype() {
    return parameters().get(0).value().dtype();
  }

  @Override
  public Net asType(DType dtype) {
    return withSettingsOf(new Net(network().asType(dtype), architecture, inputShape));
  }

  /**
   * {@inheritDoc} A net of the same architecture over this one's parameter tensors; empty for a
   * net with {@linkplain #buffers() buffers} (batch normalization), whose training passes write
   * the running statistics that the other thread's evaluation would read.
   */
  @Override
  public Optional<Model> sharingParameters() {
    if (!buffers().isEmpty()) {
      return Optional.empty();
    }
    Map<String, Tensor> live = new LinkedHashMap<>();
    for (Parameter p : parameters()) {
      live.put(p.name(), p.value());
    }
    return Optional.of(withSettingsOf(fromParameters(architecture, inputShape, live)));
  }

  private static String sizes(List<Integer> sizes) {
    return sizes.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
  }

  private static List<Integer> listOf(int... shape) {
    Objects.requireNonNull(shape, "input shape");
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException("net: input shape " + java.util.Arrays.toString(shape)
            + " must have positive sizes");
      }
    }
    return java.util.Arrays.stream(shape).boxed().toList();
  }

  /**
   * Options of a {@link Net}, with the chapter's defaults: weights {@code 0.01 * N(0, 1)} drawn in
   * layer order from one generator seeded 42, biases zero, float32. A fully connected net comes
   * out exactly as {@link FeedForwardNet#builder} makes it.
   */
  public static final class Builder {
    private final Architecture architecture;
    private final List<Integer> inputShape;
    private WeightInit weightInit = WeightInit.CHAPTER;
    private long seed = 42;
    private DType dtype = DType.FLOAT32;
    private Backend backend;
    private double weightDecay;

    Builder(Architecture architecture, List<Integer> inputShape) {
      this.architecture = Objects.requireNonNull(architecture, "architecture");
      this.inputShape = inputShape;
      architecture.outputShape(inputShape);
    }

    /** Standard deviation of the initial weights (default 0.01, the chapter's): {@code weightInit(normal(std))}. */
    public Builder weightInitStd(double std) {
      if (!(std >= 0) || Double.isInfinite(std)) {
        throw new IllegalArgumentException("weightInitStd must be >= 0, got " + std);
      }
      return weightInit(WeightInit.normal(std));
    }

    /** How the initial weights are drawn (default {@link WeightInit#CHAPTER}). */
    public Builder weightInit(WeightInit init) {
      this.weightInit = Objects.requireNonNull(init, "weightInit");
      return this;
    }

    /**
     * Seed of the initial weights and of the training draws (dropout's masks) (default 42); the
     * same seed gives the same net and the same training run.
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The L2 weight decay's lambda (default 0: none), as {@link SoftmaxClassifier#weightDecay}.
     *
     * @throws IllegalArgumentException if lambda is negative or not finite
     */
    public Builder weightDecay(double lambda) {
      this.weightDecay = SoftmaxClassifier.checkWeightDecay(lambda);
      return this;
    }

    /** Element type of the parameters (default float32). */
    public Builder dtype(DType dtype) {
      this.dtype = Objects.requireNonNull(dtype, "dtype");
      return this;
    }

    /** Backend of the parameters; without this call, {@link Backends#current()}. */
    public Builder backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** The net: a {@link FeedForwardNet} when the layers make one. */
    public Net build() {
      Backend target = backend != null ? backend : Backends.current();
      Optional<Architecture.FeedForward> mlp = architecture.feedForward(inputShape);
      if (mlp.isPresent()) {
        int[] sizes = mlp.get().layerSizes().stream().mapToInt(Integer::intValue).toArray();
        return FeedForwardNet.builder(sizes).activation(mlp.get().activation()).weightInit(weightInit)
            .seed(seed).dtype(dtype).backend(target).build().weightDecay(weightDecay);
      }
      ParameterSource drawn = ParameterSource.initialized(target, dtype, seed, weightInit);
      Net net = new Net(architecture.build(inputShape, drawn), architecture, inputShape);
      net.seedTrainingDraws(seed); // dropout's masks follow the seed too
      return net.weightDecay(weightDecay);
    }
  }
}
