package io.nabla.onnx;

import io.nabla.layer.Layer;
import io.nabla.layer.Residual;
import io.nabla.layer.Sequential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The layers that compute a value of the graph from its input, as a list linked to its parent, so
 * that a node adds its layer in constant time however long the graph is. Two values whose chains
 * share a start are how a residual block {@code x + f(x)} shows itself.
 */
final class LayerChain {

  /** The chain of the graph's input: no layers. */
  static final LayerChain EMPTY = new LayerChain(null, null, 0, 0);

  private final LayerChain parent;
  private final Layer layer;
  private final int length;
  /** How deep residual blocks nest in this chain's last layer: 0 for a plain layer. */
  private final int own;
  /** The deepest nesting of any of the chain's layers. */
  private final int nesting;

  private LayerChain(LayerChain parent, Layer layer, int length, int own) {
    this.parent = parent;
    this.layer = layer;
    this.length = length;
    this.own = own;
    this.nesting = parent == null ? own : Math.max(parent.nesting, own);
  }

  /** This chain, then {@code next}. */
  LayerChain then(Layer next) {
    return new LayerChain(this, next, length + 1, 0);
  }

  /** How many layers. */
  int length() {
    return length;
  }

  /** How deep residual blocks are nested in the chain (0 without one). */
  int nesting() {
    return nesting;
  }

  /** The layers, first to last. */
  List<Layer> layers() {
    List<Layer> layers = new ArrayList<>(length);
    for (LayerChain c = this; c.layer != null; c = c.parent) {
      layers.add(c.layer);
    }
    Collections.reverse(layers);
    return layers;
  }

  /**
   * The chain {@code this + f(this)} when {@code longer} continues this chain with the layers
   * {@code f}; null when it does not.
   */
  LayerChain residual(LayerChain longer) {
    if (longer.length <= length) {
      return null;
    }
    List<Layer> inner = new ArrayList<>();
    LayerChain c = longer;
    int innerNesting = 0;
    while (c.length > length) {
      inner.add(c.layer);
      innerNesting = Math.max(innerNesting, c.own);
      c = c.parent;
    }
    if (c != this) {
      return null;
    }
    Collections.reverse(inner);
    return new LayerChain(this, new Residual(new Sequential(inner)), length + 1, innerNesting + 1);
  }
}
