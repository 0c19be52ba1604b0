package io.nabla.model;

import io.nabla.backend.ConvGeometry;
import io.nabla.layer.ElementwiseActivation;
import io.nabla.layer.Layer;
import io.nabla.layer.Sequential;
import io.nabla.tensor.Shapes;
import java.util.List;
import java.util.Objects;

/**
 * One layer of an {@link Architecture}, as its text names it: what shape it makes of a sample's
 * shape, which parameters it has, and the layer it builds. Shapes here are per sample (784 for an
 * MNIST image as a vector, [1, 28, 28] as an image), without the batch dimension.
 */
public sealed interface LayerSpec permits LayerSpec.Affine, LayerSpec.Activation, LayerSpec.Residual,
    LayerSpec.Conv, LayerSpec.MaxPool, LayerSpec.AvgPool, LayerSpec.Dropout, LayerSpec.BatchNorm {

  /** The layer as the architecture's text writes it, e.g. {@code affine(100)}. */
  String text();

  /**
   * The shape of a sample after this layer.
   *
   * @throws IllegalArgumentException naming the layer and the shape if it cannot take that input
   */
  List<Integer> outputShape(List<Integer> input);

  /** Builds the layer for samples of shape {@code input}, its parameters from {@code parameters}. */
  Layer build(List<Integer> input, ParameterSource parameters);

  /** Whether this layer takes images [channels, height, width], so a net it starts needs them. */
  default boolean takesImages() {
    return false;
  }

  /**
   * Whether this layer keeps the sample's shape and takes vectors and images alike (an
   * activation, dropout, batch normalization), so that the layer after it decides what a net it
   * starts takes.
   */
  default boolean keepsShape() {
    return false;
  }

  /**
   * The fully connected layer {@code x . W + b} with {@code units} outputs; its parameters are
   * {@code Wk} [inputs, units] and {@code bk} [units], k counting the layers with parameters
   * from 1. A sample of any shape is taken as its elements in a row (a convolution's [channels,
   * height, width] as channels * height * width inputs), as the book's affine layer takes it.
   *
   * @param units outputs per sample
   */
  record Affine(int units) implements LayerSpec {

    /** Checks the size. */
    public Affine {
      if (units <= 0) {
        throw new IllegalArgumentException("affine(" + units + "): the number of outputs must be positive");
      }
    }

    @Override
    public String text() {
      return "affine(" + units + ")";
    }

    @Override
    public List<Integer> outputShape(List<Integer> input) {
      return List.of(units);
    }

    @Override
    public Layer build(List<Integer> input, ParameterSource parameters) {
      int k = parameters.nextLayer();
      return new io.nabla.layer.Affine("W" + k, parameters.weight("W" + k, elements(input), elements(input), units),
          "b" + k, parameters.bias("b" + k, units));
    }
  }

  /**
   * An elementwise activation, written as its {@linkplain io.nabla.model.Activation#label()
   * label}: {@code relu}, {@code sigmoid}, ...
   *
   * @param function the activation
   */
  record Activation(io.nabla.model.Activation function) implements LayerSpec {

    /** Checks the function. */
    public Activation {
      Objects.requireNonNull(function, "activation");
    }

    @Override
    public String text() {
      return function.label();
    }

    @Override
    public List<Integer> outputShape(List<Integer> input) {
      return input;
    }

    @Override
    public Layer build(List<Integer> input, ParameterSource parameters) {
      return function.newLayer();
    }

    @Override
    public boolean keepsShape() {
      return true;
    }
  }

  /**
   * A residual block {@code x + inner(x)}, written {@code residual(affine(100) relu)}; the inner
   * layers must keep the sample's shape.
   *
   * @param inner the layers whose output is added to the input
   */
  record Residual(Architecture inner) implements LayerSpec {

    /** Checks the inner layers. */
    public Residual {
      Objects.requireNonNull(inner, "residual: inner layers");
    }

    @Override
    public String text() {
      return "residual(" + inner.text() + ")";
    }

    @Override
    public List<Integer> outputShape(List<Integer> input) {
      List<Integer> out = inner.outputShape(input);
      if (!out.equals(input)) {
        throw new IllegalArgumentException(text() + " maps " + Shapes.format(toArray(input)) + " to "
            + Shapes.format(toArray(out)) + "; a residual block must keep the shape to add its input");
      }
      return out;
    }

    @Override
    public Layer build(List<Integer> input, ParameterSource parameters) {
      outputShape(input);
      return new io.nabla.layer.Residual(new Sequential(inner.buildLayers(input, parameters)));
    }
  }

  /**
   * The convolution of {@code filters} filters of {@code size x size} every {@code stride} pixels
   * over images framed by {@code padding} zeros, plus a bias: written {@code conv(F,K)} (stride 1,
   * no padding) or {@code conv(F,K,S,P)}. Its parameters are {@code Wk} [filters, channels, size,
   * size] and {@code bk} [filters].
   *
   * @param filters output channels
   * @param size a filter's rows and columns
   * @param stride pixels from one window to the next
   * @param padding zeros framing each side
   */
  record Conv(int filters, int size, int stride, int padding) implements LayerSpec {

    /** Checks the sizes. */
    public Conv {
      if (filters < 1 || size < 1 || stride < 1 || padding < 0) {
        throw new IllegalArgumentException("conv(" + filters + "," + size + "," + stride + "," + padding
            + "): filters, size and stride must be positive and the padding at least 0");
      }
    }

    /** Stride 1, no padding: {@code conv(F,K)}. */
    public Conv(int filters, int size) {
      this(filters, size, 1, 0);
    }

    @Override
    public String text() {
      return stride == 1 && padding == 0 ? "conv(" + filters + "," + size + ")"
          : "conv(" + filters + "," + size + "," + stride + "," + padding + ")";
    }

    @Override
    public List<Integer> outputShape(List<Integer> input) {
      int[] out = windows(text(), input, size, stride, padding);
      return List.of(filters, out[0], out[1]);
    }

    @Override
    public Layer build(List<Integer> input, ParameterSource parameters) {
      outputShape(input);
      int k = parameters.nextLayer();
      return new io.nabla.layer.Conv2d("W" + k, parameters.weight("W" + k, input.get(0) * size * size, filters, input.get(0), size, size),
          "b" + k, parameters.bias("b" + k, filters), stride, padding);
    }

    @Override
    public boolean takesImages() {
      return true;
    }
  }

  /**
   * Max pooling over {@code size x size} windows every {@code stride} pixels: {@code maxpool(K)}
   * (stride K, windows side by side, as the book pools) or {@code maxpool(K,S)}.
   *
   * @param size a window's rows and columns
   * @param stride pixels from one window to the next
   */
  record MaxPool(int size, int stride) implements LayerSpec {

    /** Checks the sizes. */
    public MaxPool {
      checkPool("maxpool", size, stride);
    }

    @Override
    public String text() {
      return poolText("maxpool", size, stride);
    }

    @Override
    public List<Integer> outputShape(List<Integer> input) {
      int[] out = windows(text(), input, size, stride, 0);
      return List.of(input.get(0), out[0], out[1]);
    }

    @Override
    public Layer build(List<Integer> input, ParameterSource parameters) {
      outputShape(input);
      return new io.nabla.layer.MaxPool2d(size, stride);
    }

    @Override
    public boolean takesImages() {
      return true;
    }
  }

  /** Average pooling, written {@code avgpool(K)} or {@code avgpool(K,S)} as {@link MaxPool}. */
  record AvgPool(int size, int stride) implements LayerSpec {

    /** Checks the sizes. */
    public AvgPool {
      checkPool("avgpool", size, stride);
    }

    @Override
    public String text() {
      return poolText("avgpool", size, stride);
    }

    @Override
    public List<Integer> outputShape(List<Integer> input) {
      int[] out = windows(text(), input, size, stride, 0);
      return List.of(input.get(0), out[0], out[1]);
    }

    @Override
    public Layer build(List<Integer> input, ParameterSource parameters) {
      outputShape(input);
      return new io.nabla.layer.AvgPool2d(size, stride);
    }

    @Override
    public boolean takesImages() {
      return true;
    }
  }

  /**
   * Dropout of probability {@code p} in training, nothing in evaluation ({@link
   * io.nabla.layer.Dropout}): written {@code dropout(0.5)}.
   *
   * @param p the probability that an element is dropped, in [0, 1)
   */
  record Dropout(double p) implements LayerSpec {

    /** Checks the probability. */
    public Dropout {
      if (!(p >= 0 && p < 1)) {
        throw new IllegalArgumentException("dropout(" + p + "): the probability must be in [0, 1)");
      }
    }

    @Override
    public String text() {
      return "dropout(" + java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + ")";
    }

    @Override
    public List<Integer> outputShape(List<Integer> input) {
      return input;
    }

    @Override
    public Layer build(List<Integer> input, ParameterSource parameters) {
      return new io.nabla.layer.Dropout(p);
    }

    @Override
    public boolean keepsShape() {
      return true;
    }
  }

  /**
   * Batch normalization ({@link io.nabla.layer.BatchNorm}), written {@code batchnorm} (the book's
   * epsilon, {@value io.nabla.layer.BatchNorm#EPSILON}) or {@code batchnorm(EPSILON)} (PyTorch's
   * is 0.00001): per feature of a vector sample, per channel of an image. Its parameters are
   * {@code gammak} and {@code betak}, its buffers {@code running_meank} and {@code running_vark},
   * all [features], k counting the layers with parameters.
   *
   * @param epsilon what is added to the variance before its square root
   */
  record BatchNorm(double epsilon) implements LayerSpec {

    /** Checks epsilon, by the layer's rule. */
    public BatchNorm {
      io.nabla.layer.BatchNorm.checkEpsilon(epsilon);
    }

    /** The book's epsilon. */
    public BatchNorm() {
      this(io.nabla.layer.BatchNorm.EPSILON);
    }

    @Override
    public String text() {
      return epsilon == io.nabla.layer.BatchNorm.EPSILON ? "batchnorm"
          : "batchnorm(" + java.math.BigDecimal.valueOf(epsilon).stripTrailingZeros().toPlainString() + ")";
    }

    @Override
    public List<Integer> outputShape(List<Integer> input) {
      if (input.size() != 1 && input.size() != 3) {
        throw new IllegalArgumentException(text() + " takes vectors [features] or images [channels, height, width],"
            + " not " + Shapes.format(toArray(input)));
      }
      return input;
    }

    /** {@inheritDoc} It takes a vector or an image alike, so the next layer decides. */
    @Override
    public boolean keepsShape() {
      return true;
    }

    @Override
    public Layer build(List<Integer> input, ParameterSource parameters) {
      outputShape(input);
      int k = parameters.nextLayer();
      int features = input.get(0);
      return new io.nabla.layer.BatchNorm("gamma" + k, parameters.constant("gamma" + k, 1, features),
          "beta" + k, parameters.bias("beta" + k, features),
          "running_mean" + k, parameters.buffer("running_mean" + k, 0, features),
          "running_var" + k, parameters.buffer("running_var" + k, 1, features), epsilon);
    }
  }

  private static void checkPool(String name, int size, int stride) {
    if (size < 1 || stride < 1) {
      throw new IllegalArgumentException(name + "(" + size + "," + stride + "): the window and the stride must be positive");
    }
  }

  private static String poolText(String name, int size, int stride) {
    return stride == size ? name + "(" + size + ")" : name + "(" + size + "," + stride + ")";
  }

  /**
   * The output rows and columns of windows over images [channels, height, width].
   *
   * @throws IllegalArgumentException naming the layer and the shape if the input is not an image
   *     or a window does not fit
   */
  private static int[] windows(String layer, List<Integer> input, int size, int stride, int padding) {
    if (input.size() != 3) {
      throw new IllegalArgumentException(layer + " takes images [channels, height, width], not "
          + Shapes.format(toArray(input)));
    }
    if (input.get(1) + 2L * padding < size || input.get(2) + 2L * padding < size) {
      throw new IllegalArgumentException(layer + ": its " + size + "x" + size + " window does not fit in "
          + Shapes.format(toArray(input)) + (padding > 0 ? " with padding " + padding : ""));
    }
    ConvGeometry g = new ConvGeometry(1, input.get(0), input.get(1), input.get(2), size, size, stride, padding);
    return new int[] {g.outHeight(), g.outWidth()};
  }

  private static int elements(List<Integer> shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("a sample of shape " + shape + " has more elements than a tensor holds");
      }
    }
    return (int) n;
  }

  /** The spec of a layer of Nabla's own, or null for one an architecture cannot name. */
  static LayerSpec describing(Layer layer) {
    if (layer instanceof io.nabla.layer.Conv2d conv) {
      int[] w = conv.filters().value().shape();
      if (w[2] == w[3]) {
        return new Conv(w[0], w[2], conv.stride(), conv.padding());
      }
    }
    if (layer instanceof io.nabla.layer.MaxPool2d pool) {
      return new MaxPool(pool.size(), pool.stride());
    }
    if (layer instanceof io.nabla.layer.AvgPool2d pool) {
      return new AvgPool(pool.size(), pool.stride());
    }
    if (layer instanceof io.nabla.layer.BatchNorm norm) {
      return new BatchNorm(norm.epsilon());
    }
    if (layer instanceof io.nabla.layer.Dropout dropout) {
      return new Dropout(dropout.p());
    }
    if (layer instanceof io.nabla.layer.Affine affine && affine.parameters().size() == 2) {
      return new Affine(affine.weight().value().dim(1));
    }
    if (layer instanceof ElementwiseActivation activation) {
      for (io.nabla.model.Activation a : io.nabla.model.Activation.values()) {
        if (a.label().equals(activation.name()) && a.function() == activation.function()) {
          return new Activation(a);
        }
      }
    }
    return null;
  }

  private static int[] toArray(List<Integer> shape) {
    return shape.stream().mapToInt(Integer::intValue).toArray();
  }
}
