package io.nabla.model;

import io.nabla.layer.ElementwiseActivation;
import io.nabla.layer.Layer;
import io.nabla.layer.Sequential;
import io.nabla.tensor.Shapes;
import java.util.List;
import java.util.Objects;

/**
 * One layer of an {@link Architecture}, as its text names it: what shape it makes of a sample's
 * shape, which parameters it has, and the layer it builds. Shapes here are per sample (784 for an
 * MNIST image as a vector), without the batch dimension.
 */
public sealed interface LayerSpec permits LayerSpec.Affine, LayerSpec.Activation, LayerSpec.Residual {

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

  /**
   * The fully connected layer {@code x . W + b} with {@code units} outputs; its parameters are
   * {@code Wk} [inputs, units] and {@code bk} [units], k counting the layers with parameters
   * from 1.
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
      if (input.size() != 1) {
        throw new IllegalArgumentException(text() + " takes a vector per sample, not " + Shapes.format(toArray(input)));
      }
      return List.of(units);
    }

    @Override
    public Layer build(List<Integer> input, ParameterSource parameters) {
      outputShape(input);
      int k = parameters.nextLayer();
      return new io.nabla.layer.Affine("W" + k, parameters.weight("W" + k, input.get(0), units),
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

  /** The spec of a layer of Nabla's own, or null for one an architecture cannot name. */
  static LayerSpec describing(Layer layer) {
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
