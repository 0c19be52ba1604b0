package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.model.Activation;
import io.nabla.model.ModelDescription;
import io.nabla.model.ModelFile;
import io.nabla.model.Net;
import io.nabla.onnx.OnnxImport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The model files the commands take: Nabla's {@code .npz}, or an ONNX model ({@code .onnx}, by
 * its name), which records its net in its graph.
 */
final class SavedModels {

  private SavedModels() {}

  /**
   * An opened model file.
   *
   * @param net the net
   * @param description the Nabla description the file carries (an ONNX file Nabla wrote carries it
   *     in its metadata)
   * @param onnx what an ONNX file says of itself; empty for a {@code .npz}
   */
  record Opened(Net net, Optional<ModelDescription> description, Optional<OnnxImport.Imported> onnx) {

    /** Whether the file says what its net is (its layers and activations), so nothing is assumed. */
    boolean recordsItsNet() {
      return description.isPresent() || onnx.isPresent();
    }
  }

  /** Whether the file is taken for an ONNX model: its name ends in {@code .onnx}. */
  static boolean isOnnx(Path file) {
    return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
  }

  /** Whether {@code text} names a model file rather than a rule: it ends in {@code .onnx} or {@code .npz}. */
  static boolean namesModelFile(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.endsWith(".onnx") || lower.endsWith(".npz");
  }

  /**
   * Opens {@code file} onto {@code backend}: an ONNX model by {@link OnnxImport}, a {@code .npz} by
   * {@link ModelFile#load} (a file without a description taken for a fully connected net of
   * activation {@code assumed}).
   *
   * @throws IOException naming the file and what is wrong with it
   */
  static Opened open(Path file, Backend backend, Activation assumed) throws IOException {
    if (isOnnx(file)) {
      OnnxImport.Imported imported = OnnxImport.load(file, backend);
      return new Opened(imported.net(), imported.description(), Optional.of(imported));
    }
    ModelFile.Loaded loaded = ModelFile.load(file, backend, assumed);
    return new Opened(loaded.net(), loaded.description(), Optional.empty());
  }
}
