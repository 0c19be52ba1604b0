package io.nabla.model;

import io.nabla.layer.Layer;
import io.nabla.layer.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A net's layers written as text, the way a saved model records them and the command line takes
 * them: layers in order, separated by spaces, e.g. {@code affine(100) relu residual(affine(100)
 * relu) affine(10)}. The chapter's {@code TwoLayerNet} is {@code affine(50) sigmoid affine(10)}.
 *
 * <table>
 *   <caption>The layers</caption>
 *   <tr><th>text</th><th>layer</th></tr>
 *   <tr><td>{@code affine(N)}</td><td>{@code x . W + b} with N outputs ({@link LayerSpec.Affine})</td></tr>
 *   <tr><td>{@code sigmoid}, {@code relu}, {@code tanh}, {@code leaky_relu}</td>
 *       <td>an elementwise {@link Activation}</td></tr>
 *   <tr><td>{@code residual(LAYERS)}</td><td>{@code x + LAYERS(x)} ({@link LayerSpec.Residual})</td></tr>
 *   <tr><td>{@code conv(F,K)}, {@code conv(F,K,S,P)}</td><td>F filters K x K, stride S (1), padding P
 *       (0), over images [channels, height, width] ({@link LayerSpec.Conv})</td></tr>
 *   <tr><td>{@code maxpool(K)}, {@code maxpool(K,S)}, {@code avgpool(K)}, {@code avgpool(K,S)}</td>
 *       <td>the maximum or mean of each K x K window every S (K) pixels of each channel</td></tr>
 * </table>
 *
 * <p>An affine layer after a convolution or pooling takes each sample's elements as one row. The
 * book's SimpleConvNet is {@code conv(30,5) relu maxpool(2) affine(100) relu affine(10)} on
 * images [1, 28, 28].
 *
 * <p>An architecture has no sizes of its input: the same text builds a net for any input whose
 * shape its layers take ({@link #outputShape}). Parameters are named by the order of the layers
 * that have them: {@code W1, b1} for the first affine layer, {@code W2, b2} for the second (the
 * book's names, which the chapter's NumPy code reads).
 */
public final class Architecture {

  /**
   * The deepest nesting of residual blocks a net's text may have: far more than any net needs, and
   * a bound on the recursion that reads, describes and builds it, so a crafted file cannot
   * overflow the stack.
   */
  public static final int MAX_NESTING = 64;

  private final List<LayerSpec> layers;

  /**
   * The given layers, in order.
   *
   * @throws IllegalArgumentException if there are none
   */
  public Architecture(List<LayerSpec> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a net has at least one layer");
    }
    this.layers = List.copyOf(layers);
  }

  /**
   * Reads an architecture's text.
   *
   * @throws IllegalArgumentException quoting the text, naming the place and what was expected
   */
  public static Architecture parse(String text) {
    return new ArchitectureParser(text).parse();
  }

  /**
   * The fully connected net of the given layer sizes (inputs first) with {@code activation}
   * between its affine layers: {@code 784, 50, 10} and sigmoid make {@code affine(50) sigmoid
   * affine(10)}.
   */
  public static Architecture feedForward(Activation activation, List<Integer> layerSizes) {
    if (layerSizes.size() < 2) {
      throw new IllegalArgumentException("a net has at least two layer sizes, got " + layerSizes);
    }
    List<LayerSpec> specs = new ArrayList<>();
    for (int i = 1; i < layerSizes.size(); i++) {
      if (i > 1) {
        specs.add(new LayerSpec.Activation(activation));
      }
      specs.add(new LayerSpec.Affine(layerSizes.get(i)));
    }
    return new Architecture(specs);
  }

  /**
   * The architecture of a layer built of Nabla's own layers ({@link Sequential}, {@link
   * io.nabla.layer.Affine} with a bias, the activations of {@link Activation}, {@link
   * io.nabla.layer.Residual}, {@link io.nabla.layer.Conv2d} with square filters, {@link
   * io.nabla.layer.MaxPool2d}, {@link io.nabla.layer.AvgPool2d}, {@link io.nabla.layer.Dropout},
   * {@link io.nabla.layer.BatchNorm}).
   *
   * @throws IllegalArgumentException naming the first layer it cannot write as text
   */
  public static Architecture of(Layer layer) {
    List<LayerSpec> specs = new ArrayList<>();
    describe(layer, specs);
    return new Architecture(specs);
  }

  private static void describe(Layer layer, List<LayerSpec> into) {
    if (layer instanceof Sequential sequential) {
      for (Layer inner : sequential.layers()) {
        describe(inner, into);
      }
    } else if (layer instanceof io.nabla.layer.Residual residual) {
      into.add(new LayerSpec.Residual(of(residual.inner())));
    } else {
      LayerSpec spec = LayerSpec.describing(layer);
      if (spec == null) {
        throw new IllegalArgumentException("layer " + layer.getClass().getName() + " has no text in an architecture:"
            + " only Nabla's own layers (" + ArchitectureParser.KNOWN + ") can be saved and loaded without your code");
      }
      into.add(spec);
    }
  }

  /**
   * Whether the net takes images [channels, height, width] rather than vectors: its first layer
   * that does not keep the shape (an activation, dropout, batchnorm) is a convolution or a pooling.
   */
  public boolean takesImages() {
    for (LayerSpec layer : layers) {
      if (!layer.keepsShape()) {
        return layer.takesImages();
      }
    }
    return false;
  }

  /** The layers, first to last. */
  public List<LayerSpec> layers() {
    return layers;
  }

  /** The text, in the form {@link #parse} reads: layers separated by one space. */
  public String text() {
    return layers.stream().map(LayerSpec::text).collect(Collectors.joining(" "));
  }

  /**
   * The shape of a sample's output (the class scores: [10] for MNIST) for a sample of shape
   * {@code input}.
   *
   * @throws IllegalArgumentException naming the first layer that cannot take its input
   */
  public List<Integer> outputShape(List<Integer> input) {
    List<Integer> shape = input;
    for (LayerSpec layer : layers) {
      shape = layer.outputShape(shape);
    }
    return shape;
  }

  /** The layers built for samples of shape {@code input}, parameters from {@code parameters}. */
  List<Layer> buildLayers(List<Integer> input, ParameterSource parameters) {
    List<Layer> built = new ArrayList<>();
    List<Integer> shape = input;
    for (LayerSpec layer : layers) {
      built.add(layer.build(shape, parameters));
      shape = layer.outputShape(shape);
    }
    return built;
  }

  /**
   * The net's layers for samples of shape {@code input}, with parameters from {@code
   * parameters}: drawn, or given tensors (every one of which must be used).
   *
   * @throws IllegalArgumentException naming the layer or parameter at fault
   */
  public Sequential build(List<Integer> input, ParameterSource parameters) {
    Sequential network = new Sequential(buildLayers(input, parameters));
    parameters.finish();
    return network;
  }

  /**
   * What makes this a {@link FeedForwardNet} on samples of shape {@code input}: its activation and
   * layer sizes, when the input is a vector and the layers are affine ones with one activation
   * between them (a net with no hidden layer counts, with sigmoid).
   */
  public Optional<FeedForward> feedForward(List<Integer> input) {
    if (input.size() != 1) {
      return Optional.empty();
    }
    List<Integer> sizes = new ArrayList<>(input);
    Activation activation = null;
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec layer = layers.get(i);
      boolean affineHere = i % 2 == 0;
      if (affineHere && layer instanceof LayerSpec.Affine affine) {
        sizes.add(affine.units());
      } else if (!affineHere && layer instanceof LayerSpec.Activation a
          && (activation == null || activation == a.function())) {
        activation = a.function();
      } else {
        return Optional.empty();
      }
    }
    if (layers.size() % 2 == 0) {
      return Optional.empty(); // ends with an activation
    }
    return Optional.of(new FeedForward(activation == null ? Activation.SIGMOID : activation, sizes));
  }

  /**
   * A fully connected net's shape.
   *
   * @param activation the hidden activation
   * @param layerSizes inputs first, classes last
   */
  public record FeedForward(Activation activation, List<Integer> layerSizes) {
    /** Keeps a copy of the sizes. */
    public FeedForward {
      layerSizes = List.copyOf(layerSizes);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Architecture other && layers.equals(other.layers);
  }

  @Override
  public int hashCode() {
    return layers.hashCode();
  }

  /** The {@link #text()}. */
  @Override
  public String toString() {
    return text();
  }
}
