package io.nabla.model;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the parameters of a net built from an {@link Architecture} come from: drawn as the chapter
 * initializes them ({@link #initialized}), or given tensors checked against the shapes the
 * architecture needs ({@link #given}). It also numbers the layers with parameters, 1 first, which
 * names them: {@code W1, b1, W2, b2, ...}, the book's names.
 */
public abstract sealed class ParameterSource
    permits ParameterSource.Initialized, ParameterSource.Given, ParameterSource.InOrder {

  private int layers;

  ParameterSource() {}

  /** The number of the next layer with parameters: 1 for the first. */
  final int nextLayer() {
    return ++layers;
  }

  /** The weight called {@code name}, of the given shape, of a layer with {@code inputs} inputs. */
  abstract Tensor weight(String name, int inputs, int... shape);

  /** The bias called {@code name}, of the given shape (zeros when drawn). */
  abstract Tensor bias(String name, int... shape);

  /**
   * The parameter called {@code name}, of the given shape, all {@code value} when drawn: batch
   * normalization's scale (ones).
   */
  abstract Tensor constant(String name, double value, int... shape);

  /**
   * The buffer (state that is not trained, {@link io.nabla.layer.Layer#buffers()}) called {@code
   * name}, of the given shape, all {@code value} when drawn: batch normalization's running
   * statistics.
   */
  Tensor buffer(String name, double value, int... shape) {
    return constant(name, value, shape);
  }

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

    @Override
    Tensor constant(String name, double value, int... shape) {
      return Tensors.full(backend, value, dtype, shape);
    }
  }

  /**
   * The parameters and buffers of a layer stack, handed out in the order the layers ask for them
   * (the order of {@link io.nabla.layer.Layer#parameters()} and {@link
   * io.nabla.layer.Layer#buffers()}), recording the names the architecture gives them.
   */
  static InOrder inOrder(List<Tensor> parameters, java.util.Collection<Tensor> buffers) {
    return new InOrder(parameters, buffers);
  }

  /** A stack's tensors in order, named as they are taken. */
  static final class InOrder extends ParameterSource {
    private final java.util.Iterator<Tensor> parameters;
    private final java.util.Iterator<Tensor> buffers;
    private final Map<String, Tensor> named = new LinkedHashMap<>();

    InOrder(List<Tensor> parameters, java.util.Collection<Tensor> buffers) {
      this.parameters = List.copyOf(parameters).iterator();
      this.buffers = List.copyOf(buffers).iterator();
    }

    @Override
    Tensor weight(String name, int inputs, int... shape) {
      return take(parameters, name, shape);
    }

    @Override
    Tensor bias(String name, int... shape) {
      return take(parameters, name, shape);
    }

    @Override
    Tensor constant(String name, double value, int... shape) {
      return take(parameters, name, shape);
    }

    @Override
    Tensor buffer(String name, double value, int... shape) {
      return take(buffers, name, shape);
    }

    private Tensor take(java.util.Iterator<Tensor> from, String name, int... shape) {
      if (!from.hasNext()) {
        throw new IllegalArgumentException("the layers have fewer tensors than their architecture needs: "
            + name + " is missing");
      }
      Tensor t = from.next();
      if (!Arrays.equals(t.shape(), shape)) {
        throw new IllegalArgumentException(name + " is " + t.describe() + " but its layer needs " + Shapes.format(shape));
      }
      named.put(name, t);
      return t;
    }

    /** The tensors taken, by the names the architecture gave them. */
    Map<String, Tensor> named() {
      return named;
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

    @Override
    Tensor constant(String name, double value, int... shape) {
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
