package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.backend.Storage;
import io.nabla.layer.Parameter;
import io.nabla.model.Net;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named tensors of one dtype laid end to end in one heap storage: how parameters, gradients and
 * optimizer state travel between the driver and the executors. Serializable; holds no tensor or
 * backend, only the names, the shapes and the values.
 */
final class FlatTensors implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String[] names;
  private final int[][] shapes;
  private final Storage elements;

  private FlatTensors(String[] names, int[][] shapes, Storage elements) {
    this.names = names;
    this.shapes = shapes;
    this.elements = elements;
  }

  /** A copy of the parameters' values. */
  static FlatTensors ofValues(List<Parameter> parameters) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      values.put(p.name(), p.value());
    }
    return of(values, parameters.isEmpty() ? DType.FLOAT32 : parameters.get(0).value().dtype());
  }

  /**
   * A copy of all the net computes with ({@link Net#state()}): its parameters' values, then its
   * buffers (batch normalization's running statistics, which evaluation reads and training passes
   * move). What a round's tasks start from and what local steps send back; {@link
   * NetSpec#net} builds the net again from it.
   */
  static FlatTensors ofNet(Net net) {
    return of(net.state(), net.dtype());
  }

  /**
   * Sets each of {@code net}'s parameters and buffers named here to these values: all of them
   * for what {@link #ofNet} made, the buffers alone for {@code of(net.buffers(), ...)}.
   *
   * @throws IllegalArgumentException naming a tensor the net has no parameter or buffer for
   */
  void assignTo(Net net) {
    Map<String, Tensor> live = net.state();
    toTensors(net.parameters().get(0).value().backend()).forEach((name, value) -> {
      Tensor target = live.get(name);
      if (target == null) {
        throw new IllegalArgumentException("flat tensors: the net has no parameter or buffer '" + name + "'");
      }
      target.assign(value);
    });
  }

  /** A copy of the parameters' gradients. */
  static FlatTensors ofGradients(List<Parameter> parameters) {
    Map<String, Tensor> grads = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      grads.put(p.name(), p.grad());
    }
    return of(grads, parameters.get(0).value().dtype());
  }

  /** A copy of the tensors, in the map's order; {@code dtype} is the dtype of an empty map. */
  static FlatTensors of(Map<String, Tensor> tensors, DType dtype) {
    String[] names = tensors.keySet().toArray(new String[0]);
    int[][] shapes = new int[names.length][];
    int length = 0;
    for (int i = 0; i < names.length; i++) {
      Tensor t = tensors.get(names[i]);
      if (t.dtype() != dtype) {
        throw new IllegalArgumentException("flat tensors: '" + names[i] + "' is " + t.describe() + ", not "
            + dtype.label());
      }
      shapes[i] = t.shape();
      length += t.size();
    }
    Storage elements = Storage.heap(dtype, length);
    int at = 0;
    for (String name : names) {
      Tensor t = tensors.get(name);
      elements.copyFrom(t.storage(), 0, at, t.size());
      at += t.size();
    }
    return new FlatTensors(names, shapes, elements);
  }

  /** The element type. */
  DType dtype() {
    return elements.dtype();
  }

  /** The number of elements of all tensors together. */
  int length() {
    return elements.length();
  }

  /** Element {@code i} of all tensors together. */
  double get(int i) {
    return elements.get(i);
  }

  /** The names, in order. */
  List<String> names() {
    return List.of(names);
  }

  /** New tensors on {@code backend}, by name, in order. */
  Map<String, Tensor> toTensors(Backend backend) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    int at = 0;
    for (int i = 0; i < names.length; i++) {
      Tensor t = Tensors.zeros(backend, elements.dtype(), shapes[i]);
      t.storage().copyFrom(elements, at, 0, t.size());
      at += t.size();
      out.put(names[i], t);
    }
    return out;
  }

  /** Tensors of the same names and shapes holding {@code values} rounded to this dtype. */
  FlatTensors withValues(double[] values) {
    if (values.length != length()) {
      throw new IllegalArgumentException("flat tensors: " + values.length + " values for " + length() + " elements");
    }
    Storage rounded = Storage.heap(dtype(), values.length);
    rounded.write(0, values, 0, values.length);
    return new FlatTensors(names, shapes, rounded);
  }

  /** The shapes, in order. */
  List<int[]> shapes() {
    List<int[]> out = new ArrayList<>();
    for (int[] s : shapes) {
      out.add(s.clone());
    }
    return out;
  }
}
