package io.nabla.layer;

import com.google.common.collect.ImmutableList;
import io.nabla.autograd.Variable;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Layers applied in order, first to last. Its parameters are its layers', which must have
 * distinct names.
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
  public Variable forward(Variable x) {
    Variable out = x;
    for (Layer layer : layers) {
      out = layer.forward(out);
    }
    return out;
  }

  /** {@inheritDoc} Each layer's own inference pass, in order. */
  @Override
  public Tensor forward(Tensor x) {
    Tensor out = x;
    for (Layer layer : layers) {
      out = layer.forward(out);
    }
    return out;
  }

  @Override
  public List<Parameter> parameters() {
    ImmutableList.Builder<Parameter> all = ImmutableList.builder();
    for (Layer layer : layers) {
      all.addAll(layer.parameters());
    }
    return all.build();
  }

  /** {@inheritDoc} Its layers', in order. */
  @Override
  public Map<String, Tensor> buffers() {
    Map<String, Tensor> all = new LinkedHashMap<>();
    for (Layer layer : layers) {
      all.putAll(layer.buffers());
    }
    return all;
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
