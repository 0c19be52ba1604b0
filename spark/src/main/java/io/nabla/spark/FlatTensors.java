package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.layer.Parameter;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named tensors of one dtype laid end to end in one Java array ({@code float[]} for float32,
 * {@code double[]} for float64): how parameters, gradients and optimizer state travel between
 * the driver and the executors. Serializable; holds no Nabla object.
 */
final class FlatTensors implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String[] names;
  private final int[][] shapes;
  private final DType dtype;
  private final float[] floats;
  private final double[] doubles;

  private FlatTensors(String[] names, int[][] shapes, DType dtype, float[] floats, double[] doubles) {
    this.names = names;
    this.shapes = shapes;
    this.dtype = dtype;
    this.floats = floats;
    this.doubles = doubles;
  }

  /** A copy of the parameters' values. */
  static FlatTensors ofValues(List<Parameter> parameters) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      values.put(p.name(), p.value());
    }
    return of(values, parameters.isEmpty() ? DType.FLOAT32 : parameters.get(0).value().dtype());
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
    float[] floats = dtype == DType.FLOAT32 ? new float[length] : null;
    double[] doubles = dtype == DType.FLOAT64 ? new double[length] : null;
    int at = 0;
    for (String name : names) {
      Tensor t = tensors.get(name);
      if (floats != null) {
        t.storage().read(0, floats, at, t.size());
      } else {
        t.storage().read(0, doubles, at, t.size());
      }
      at += t.size();
    }
    return new FlatTensors(names, shapes, dtype, floats, doubles);
  }

  /** The element type. */
  DType dtype() {
    return dtype;
  }

  /** The number of elements of all tensors together. */
  int length() {
    return floats != null ? floats.length : doubles.length;
  }

  /** Element {@code i} of the whole array. */
  double get(int i) {
    return floats != null ? floats[i] : doubles[i];
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
      Tensor t = Tensors.zeros(backend, dtype, shapes[i]);
      if (floats != null) {
        t.storage().write(0, floats, at, t.size());
      } else {
        t.storage().write(0, doubles, at, t.size());
      }
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
    if (dtype == DType.FLOAT64) {
      return new FlatTensors(names, shapes, dtype, null, values.clone());
    }
    float[] rounded = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      rounded[i] = (float) values[i];
    }
    return new FlatTensors(names, shapes, dtype, rounded, null);
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
