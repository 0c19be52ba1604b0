package io.nabla.layer;

import com.google.common.collect.ImmutableList;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Layers applied in order: forward runs first to last, backward last to first. Its parameters
 * are its layers', which must have distinct names.
 */
public final class Sequential implements Layer {

  private final ImmutableList<Layer> layers;

  /**
   * Composes the layers in order.
   *
   * @throws IllegalArgumentException if two parameters share a name
   */
  public Sequential(List<? extends Layer> layers) {
    this.layers = ImmutableList.copyOf(layers);
    Set<String> names = new HashSet<>();
    for (Parameter p : parameters()) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException(
            "sequential: two parameters are named '" + p.name() + "'; names must be unique");
      }
    }
  }

  /** Composes the layers in order. */
  public Sequential(Layer... layers) {
    this(List.of(layers));
  }

  /** The layers, first to last. */
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor out = x;
    for (Layer layer : layers) {
      out = layer.forward(out);
    }
    return out;
  }

  @Override
  public Tensor backward(Tensor gradOut) {
    Tensor grad = gradOut;
    for (int i = layers.size() - 1; i >= 0; i--) {
      grad = layers.get(i).backward(grad);
    }
    return grad;
  }

  /** Backward through every layer, the first one computing its parameters' gradients only. */
  @Override
  public void backwardParameters(Tensor gradOut) {
    Tensor grad = gradOut;
    for (int i = layers.size() - 1; i > 0; i--) {
      grad = layers.get(i).backward(grad);
    }
    if (!layers.isEmpty()) {
      layers.get(0).backwardParameters(grad);
    }
  }

  @Override
  public List<Parameter> parameters() {
    ImmutableList.Builder<Parameter> all = ImmutableList.builder();
    for (Layer layer : layers) {
      all.addAll(layer.parameters());
    }
    return all.build();
  }

  /** The parameters by name, in order. */
  public Map<String, Parameter> parametersByName() {
    Map<String, Parameter> byName = new LinkedHashMap<>();
    for (Parameter p : parameters()) {
      byName.put(p.name(), p);
    }
    return byName;
  }

  @Override
  public Sequential asType(DType dtype) {
    return new Sequential(layers.stream().map(l -> l.asType(dtype)).toList());
  }
}
