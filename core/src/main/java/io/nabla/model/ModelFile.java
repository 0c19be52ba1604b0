package io.nabla.model;

import io.nabla.backend.Backend;
import io.nabla.io.Npz;
import io.nabla.tensor.Shapes;
import io.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Net} saved as NumPy's {@code .npz}: the arrays {@code W1, b1, W2, b2} (what the
 * chapter's Python reads; {@code W3, b3, ...} for a deeper net, in the order of the layers) and a
 * text entry {@value #DESCRIPTION_KEY} with the {@link ModelDescription} it takes to run the net
 * again, its architecture included, so that any net of Nabla's layers loads without the code that
 * built it. Files saved by NumPy have no description; loading one assumes a fully connected net with
 * the activation the caller says, and tells it so.
 */
public final class ModelFile {

  /** The key of the description entry in the archive. */
  public static final String DESCRIPTION_KEY = "nabla_model";

  private ModelFile() {}

  /**
   * A loaded net, with the description its file carried (empty for a file without one).
   *
   * @param net the net: a {@link FeedForwardNet} when its layers are fully connected
   * @param description what the file said of it
   */
  public record Loaded(Net net, Optional<ModelDescription> description) {}

  /** Saves the net's parameters and description, atomically (the old file survives a failed write). */
  public static void save(Path file, Net net) throws IOException {
    write(file, net, ModelDescription.of(net));
  }

  /**
   * Saves the net's parameters and description with how it was trained, atomically (the old file
   * survives a failed write).
   */
  public static void save(Path file, Net net, TrainingRecord training) throws IOException {
    write(file, net, ModelDescription.of(net, training));
  }

  private static void write(Path file, Net net, ModelDescription description) throws IOException {
    // The buffers too: batch normalization's running statistics, which evaluation uses.
    Npz.save(file, net.state(), Map.of(DESCRIPTION_KEY, description.toText()));
  }

  /**
   * Loads a net onto {@code backend}, as its description says: a {@link TwoLayerNet} for a file
   * with {@code W1, b1, W2, b2}, a {@link MultiLayerNet} for another depth, a {@link Net} of the
   * recorded architecture otherwise. A file without a description is taken for a fully connected
   * net with activation {@code assumed}.
   *
   * @throws IOException naming the file if it cannot be read, its description is malformed, or
   *     its arrays do not match its description
   */
  public static Loaded load(Path file, Backend backend, Activation assumed) throws IOException {
    Npz.Contents contents = Npz.read(file, backend);
    Map<String, Tensor> onBackend = contents.arrays();
    String text = contents.texts().get(DESCRIPTION_KEY);
    Optional<ModelDescription> description = Optional.empty();
    if (text != null) {
      description = Optional.of(ModelDescription.parse(file + " entry " + DESCRIPTION_KEY, text));
    }
    checkParameters(file, onBackend, description.map(d -> d.feedForward().isPresent()).orElse(true));
    Net net;
    try {
      net = description.isPresent()
          ? Net.fromParameters(description.get().architecture(), description.get().inputShape(), onBackend)
          : FeedForwardNet.fromParameters(onBackend, assumed);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    return new Loaded(net, description);
  }

  /**
   * Rejects, naming the parameter, any non-finite value (a model with NaN weights would otherwise
   * be scored as if it were fine); and for a fully connected net a weight that is not a matrix and
   * a bias that is not a vector of its weight's columns (other nets' shapes are their
   * architecture's to check).
   */
  private static void checkParameters(Path file, Map<String, Tensor> arrays, boolean fullyConnected)
      throws IOException {
    for (Map.Entry<String, Tensor> entry : arrays.entrySet()) {
      String name = entry.getKey();
      Tensor t = entry.getValue();
      String shape = Shapes.format(t.shape());
      if (fullyConnected && name.startsWith("W") && t.rank() != 2) {
        throw new IOException(file + ": parameter " + name + " is " + shape + "; a weight must be a matrix");
      }
      Tensor weight = fullyConnected && name.startsWith("b") ? arrays.get("W" + name.substring(1)) : null;
      if (weight != null && weight.rank() == 2 && (t.rank() != 1 || t.size() != weight.dim(1))) {
        throw new IOException(file + ": parameter " + name + " is " + shape + "; a bias must be a vector of W"
            + name.substring(1) + "'s " + weight.dim(1) + " columns");
      }
    }
    checkFinite(file.toString(), arrays);
  }

  /**
   * Rejects, naming the tensor, any non-finite value: a model with NaN weights would otherwise be
   * scored as if it were fine. Every reader of saved models calls it ({@code .npz} and ONNX).
   *
   * @param source the file, as messages name it
   * @throws IOException naming the source, the tensor and how many of its values are not finite
   */
  public static void checkFinite(String source, Map<String, Tensor> tensors) throws IOException {
    for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
      Tensor t = entry.getValue();
      int notFinite = 0;
      for (int i = 0; i < t.size(); i++) {
        if (!Double.isFinite(t.getFlat(i))) {
          notFinite++;
        }
      }
      if (notFinite > 0) {
        throw new IOException(source + ": parameter " + entry.getKey() + " " + Shapes.format(t.shape()) + " has "
            + notFinite + " values that are not finite (NaN or infinite) of " + t.size() + ": the model cannot be"
            + " scored");
      }
    }
  }
}
