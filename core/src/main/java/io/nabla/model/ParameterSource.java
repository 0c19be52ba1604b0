package io.nabla.model;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the parameters of a net built from an {@link Architecture} come from: drawn as the chapter
 * initializes them ({@link #initialized}), or given tensors checked against the shapes the
 * architecture needs ({@link #given}). It also numbers the layers with parameters, 1 first, which
 * names them: {@code W1, b1, W2, b2, ...}, the book's names.
 */
public abstract sealed class ParameterSource permits ParameterSource.Initialized, ParameterSource.Given {

  private int layers;

  ParameterSource() {}

  /** The number of the next layer with parameters: 1 for the first. */
  final int nextLayer() {
    return ++layers;
  }

  /** The weight called {@code name}, of the given shape, of a layer with {@code inputs} inputs. */
  abstract Tensor weight(String name, int inputs, int... shape);

  /** The bias called {@code name}, of the given shape. */
  abstract Tensor bias(String name, int... shape);

  /**
   * Called once the net is built.
   *
   * @throws IllegalArgumentException naming given tensors no layer took
   */
  void finish() {}

  /**
   * The chapter's initialization: weights {@code std * N(0, 1)}, drawn in the order of the layers
   * from one generator seeded {@code seed}; biases zero.
   */
  public static ParameterSource initialized(Backend backend, DType dtype, long seed, double std) {
    return initialized(backend, dtype, seed, WeightInit.normal(std));
  }

  /** Weights drawn by {@code init}, in the order of the layers from one generator seeded {@code seed}; biases zero. */
  public static ParameterSource initialized(Backend backend, DType dtype, long seed, WeightInit init) {
    return new Initialized(backend, dtype, new SeededRandom(seed), init);
  }

  /** The given tensors, used in place; each must exist with the shape its layer needs. */
  public static ParameterSource given(Map<String, Tensor> tensors) {
    return new Given(tensors);
  }

  /** Parameters drawn as the chapter draws them. */
  static final class Initialized extends ParameterSource {
    private final Backend backend;
    private final DType dtype;
    private final SeededRandom random;
    private final WeightInit init;

    Initialized(Backend backend, DType dtype, SeededRandom random, WeightInit init) {
      this.backend = backend;
      this.dtype = dtype;
      this.random = random;
      this.init = init;
    }

    @Override
    Tensor weight(String name, int inputs, int... shape) {
      return Tensors.randomNormal(backend, random, 0, init.stdFor(inputs), dtype, shape);
    }

    @Override
    Tensor bias(String name, int... shape) {
      return Tensors.zeros(backend, dtype, shape);
    }
  }

  /** Given tensors, each checked when its layer asks for it. */
  static final class Given extends ParameterSource {
    private final Map<String, Tensor> tensors;
    private final Map<String, Tensor> unused;

    Given(Map<String, Tensor> tensors) {
      this.tensors = tensors;
      this.unused = new LinkedHashMap<>(tensors);
    }

    @Override
    Tensor weight(String name, int inputs, int... shape) {
      return take(name, shape);
    }

    @Override
    Tensor bias(String name, int... shape) {
      return take(name, shape);
    }

    private Tensor take(String name, int... shape) {
      Tensor t = tensors.get(name);
      if (t == null) {
        throw new IllegalArgumentException("parameter '" + name + "' is missing; found " + tensors.keySet());
      }
      if (!Arrays.equals(t.shape(), shape)) {
        throw new IllegalArgumentException("parameter " + name + " is " + t.describe() + " but its layer needs "
            + Shapes.format(shape));
      }
      unused.remove(name);
      return t;
    }

    @Override
    void finish() {
      if (!unused.isEmpty()) {
        throw new IllegalArgumentException("parameters " + unused.keySet() + " belong to no layer of the net");
      }
    }
  }
}
