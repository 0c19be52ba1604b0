package io.nabla.spark;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.model.Activation;
import io.nabla.model.FeedForwardNet;
import io.nabla.backend.DType;
import java.io.Serializable;
import java.util.Arrays;

/**
 * What a net is, in a form that travels to executors: Nabla's nets are not serializable, so a
 * task gets this and the flat parameters, and builds its own net.
 *
 * @param layers layer sizes, inputs first and classes last
 * @param activation the hidden activation
 * @param dtype the parameters' element type
 * @param backendName the backend to compute on; {@code auto} (or empty) for the fastest one
 *     available in each JVM
 * @param seed seed of the initial weights and of the batch samplers
 */
record NetSpec(int[] layers, Activation activation, DType dtype, String backendName, long seed)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  NetSpec {
    layers = layers.clone();
  }

  /** Inputs per row. */
  int inputSize() {
    return layers[0];
  }

  /** Classes. */
  int classes() {
    return layers[layers.length - 1];
  }

  /**
   * The backend in this JVM.
   *
   * @throws IllegalArgumentException naming the backend if it is unknown or cannot run here
   */
  Backend backend() {
    return backendNamed(backendName);
  }

  /** Whether the backend is left to each JVM (the fastest available there). */
  boolean backendIsAutomatic() {
    return isAutomatic(backendName);
  }

  /** The backend called {@code name} in this JVM; empty or {@code auto}: the fastest available. */
  static Backend backendNamed(String name) {
    return isAutomatic(name) ? Backends.current() : Backends.get(name);
  }

  private static boolean isAutomatic(String name) {
    return name.isEmpty() || name.equals(FitSettings.AUTO_BACKEND);
  }

  /** The net before training: the chapter's initialization, from {@link #seed}. */
  FeedForwardNet initialNet(Backend backend) {
    return FeedForwardNet.builder(layers).activation(activation).dtype(dtype).seed(seed).backend(backend).build();
  }

  /** A net with the given parameters (copied onto {@code backend}). */
  FeedForwardNet net(FlatTensors parameters, Backend backend) {
    return FeedForwardNet.fromParameters(parameters.toTensors(backend), activation);
  }

  @Override
  public String toString() {
    return "net " + Arrays.toString(layers) + " " + activation.label() + " " + dtype.label()
        + " on " + (backendIsAutomatic() ? "the default backend" : backendName);
  }
}
