package io.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.Version;
import io.nabla.io.Npz;
import io.nabla.layer.Parameter;
import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import io.nabla.testing.ReferenceBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved model carries what it takes to run it again, and a file without that says so. */
class ModelFileTest {

  @TempDir Path dir;

  private static TwoLayerNet relu(DType dtype) {
    return TwoLayerNet.builder(6, 4, 3).activation(Activation.RELU).dtype(dtype).seed(9)
        .backend(io.nabla.backend.Backends.get(ReferenceBackend.NAME)).build();
  }

  @Test
  void aSavedNetComesBackWithItsActivationSizesDtypeAndVersion() throws IOException {
    TwoLayerNet net = relu(DType.FLOAT64);
    Path file = dir.resolve("m.npz");
    ModelFile.save(file, net);
    ModelFile.Loaded loaded = ModelFile.load(file, io.nabla.backend.Backends.get(ReferenceBackend.NAME), Activation.SIGMOID);
    ModelDescription d = loaded.description().orElseThrow();
    assertEquals(new ModelDescription(Activation.RELU, 6, 4, 3, DType.FLOAT64, Version.current()), d);
    assertEquals(Activation.RELU, ((FeedForwardNet) loaded.net()).activation(), "the recorded activation wins over the assumed one");
    for (Parameter p : net.parameters()) {
      Tensor back = loaded.net().parametersByName().get(p.name()).value();
      assertArrayEquals(p.value().toDoubleArray(), back.toDoubleArray(), 0.0, p.name());
    }
    assertTrue(Npz.read(file, io.nabla.backend.Backends.get(ReferenceBackend.NAME)).texts().get(ModelFile.DESCRIPTION_KEY).contains("activation=relu"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Activation.class)
  void everyActivationIsRecordedAndComesBackComputingTheSame(Activation activation) throws IOException {
    var backend = io.nabla.backend.Backends.get(ReferenceBackend.NAME);
    TwoLayerNet net = TwoLayerNet.builder(6, 4, 3).activation(activation).dtype(DType.FLOAT64).seed(9)
        .backend(backend).build();
    Path file = dir.resolve(activation.label() + ".npz");
    ModelFile.save(file, net);
    assertTrue(Npz.read(file, backend).texts().get(ModelFile.DESCRIPTION_KEY)
        .contains("activation=" + activation.label() + "\n"));
    ModelFile.Loaded loaded = ModelFile.load(file, backend, Activation.SIGMOID);
    assertEquals(activation, ((FeedForwardNet) loaded.net()).activation());
    Tensor x = Tensors.randomUniform(backend, new io.nabla.tensor.SeededRandom(3), -2, 2, DType.FLOAT64, 5, 6);
    assertArrayEquals(net.predict(x).toDoubleArray(), loaded.net().predict(x).toDoubleArray(), 0.0,
        activation + ": the loaded net computes what the saved one did");
  }

  @Test
  void aFileWithoutADescriptionIsLoadedWithTheAssumedActivationAndSaysSo() throws IOException {
    Map<String, Tensor> params = new LinkedHashMap<>();
    relu(DType.FLOAT32).parameters().forEach(p -> params.put(p.name(), p.value()));
    Path file = dir.resolve("numpy.npz");
    Npz.save(file, params);
    ModelFile.Loaded loaded = ModelFile.load(file, io.nabla.backend.Backends.get(ReferenceBackend.NAME), Activation.SIGMOID);
    assertTrue(loaded.description().isEmpty());
    assertEquals(Activation.SIGMOID, ((FeedForwardNet) loaded.net()).activation());
  }

  @Test
  void aDescriptionThatContradictsTheArraysNamesTheFile() throws IOException {
    Map<String, Tensor> params = new LinkedHashMap<>();
    relu(DType.FLOAT32).parameters().forEach(p -> params.put(p.name(), p.value()));
    Path file = dir.resolve("lying.npz");
    String wrongSizes = new ModelDescription(Activation.RELU, 7, 4, 3, DType.FLOAT32, "0").toText();
    Npz.save(file, params, Map.of(ModelFile.DESCRIPTION_KEY, wrongSizes));
    IOException e = assertThrows(IOException.class,
        () -> ModelFile.load(file, io.nabla.backend.Backends.get(ReferenceBackend.NAME), Activation.SIGMOID));
    assertTrue(e.getMessage().startsWith(file + ": its description says sizes 7, 4, 3"), e.getMessage());
    Npz.save(file, params, Map.of(ModelFile.DESCRIPTION_KEY, "format=nabla-two-layer-net/1\nactivation=tanh\n"));
    e = assertThrows(IOException.class, () -> ModelFile.load(file, io.nabla.backend.Backends.get(ReferenceBackend.NAME), Activation.SIGMOID));
    assertTrue(e.getMessage().startsWith(file + " entry nabla_model: "), e.getMessage());
  }

  @Test
  void nonFiniteOrMisShapedParametersAreRejectedNamingTheParameter() throws IOException {
    io.nabla.backend.Backend reference = io.nabla.backend.Backends.get(ReferenceBackend.NAME);
    Map<String, Tensor> params = new LinkedHashMap<>();
    relu(DType.FLOAT32).parameters().forEach(p -> params.put(p.name(), p.value().copy()));
    params.get("W2").set(Double.NaN, 0, 0);
    params.get("W2").set(Double.POSITIVE_INFINITY, 1, 2);
    Path file = dir.resolve("nan.npz");
    Npz.save(file, params, Map.of());
    IOException e = assertThrows(IOException.class, () -> ModelFile.load(file, reference, Activation.RELU));
    assertEquals(file + ": parameter W2 [4, 3] has 2 values that are not finite (NaN or infinite) of 12:"
        + " the model cannot be scored", e.getMessage());

    Map<String, Tensor> badBias = new LinkedHashMap<>();
    relu(DType.FLOAT64).parameters().forEach(p -> badBias.put(p.name(), p.value()));
    badBias.put("b1", Tensors.zeros(reference, DType.FLOAT64, 1, 4));
    Npz.save(file, badBias, Map.of());
    e = assertThrows(IOException.class, () -> ModelFile.load(file, reference, Activation.RELU));
    assertEquals(file + ": parameter b1 is [1, 4]; a bias must be a vector of W1's 4 columns", e.getMessage());

    Map<String, Tensor> badWeight = new LinkedHashMap<>();
    relu(DType.FLOAT64).parameters().forEach(p -> badWeight.put(p.name(), p.value()));
    badWeight.put("W1", Tensors.zeros(reference, DType.FLOAT64, 24));
    Npz.save(file, badWeight, Map.of());
    e = assertThrows(IOException.class, () -> ModelFile.load(file, reference, Activation.RELU));
    assertEquals(file + ": parameter W1 is [24]; a weight must be a matrix", e.getMessage());
  }
}
