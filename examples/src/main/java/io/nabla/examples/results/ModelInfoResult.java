package io.nabla.examples.results;

import io.nabla.model.FeedForwardNet;
import io.nabla.model.Net;
import io.nabla.model.ModelDescription;
import io.nabla.model.ModelFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a saved model says about itself ({@code nabla info}): its net, the Nabla version that saved
 * it and how it was trained. A file of the first format has no training record; a file saved by
 * NumPy has no description at all, and its net is read from its arrays.
 *
 * @param model the file
 * @param net the net's layers as text
 * @param inputShape a sample's shape
 * @param layerSizes a fully connected net's layer sizes, inputs first (empty for another net)
 * @param dtype the parameters' element type
 * @param description the file's description, if it has one
 * @param onnx for an ONNX file, what it says of itself (IR version, opset, the program that wrote it)
 */
public record ModelInfoResult(Path model, String net, List<Integer> inputShape, List<Integer> layerSizes, String dtype,
    Optional<ModelDescription> description, Optional<String> onnx) implements CommandResult {

  /** Keeps an unmodifiable copy of the sizes. */
  public ModelInfoResult {
    inputShape = List.copyOf(inputShape);
    layerSizes = List.copyOf(layerSizes);
  }

  /** The information in a loaded file. */
  public static ModelInfoResult of(Path model, ModelFile.Loaded loaded) {
    return of(model, loaded.net(), loaded.description(), Optional.empty());
  }

  /** The information in a loaded file, with what an ONNX file says of itself. */
  public static ModelInfoResult of(Path model, Net net, Optional<ModelDescription> description, Optional<String> onnx) {
    return new ModelInfoResult(model, net.architecture().text(), net.inputShape(),
        net instanceof FeedForwardNet mlp ? mlp.layerSizes() : List.of(), net.dtype().label(), description, onnx);
  }

  /** The hidden activation of a fully connected net, if the file records it. */
  public Optional<String> activation() {
    return description.flatMap(ModelDescription::feedForward).map(f -> f.activation().label());
  }

  /** The net's sizes joined by dashes, such as 784-50-10. */
  String sizes() {
    return layerSizes.stream().map(String::valueOf).collect(Collectors.joining("-"));
  }

  @Override
  public String text() {
    List<String> lines = new ArrayList<>();
    if (layerSizes.isEmpty()) {
      lines.add(model + ": net " + net + " on " + inputShape + ", " + dtype);
    } else {
      lines.add(model + ": net " + sizes() + ", " + activation().map(a -> a + " hidden activation")
          .orElse("hidden activation not recorded") + ", " + dtype);
    }
    onnx.ifPresent(o -> lines.add("  " + o));
    if (description.isEmpty() && onnx.isPresent()) {
      lines.add("  no Nabla description in its metadata: no training record");
    } else if (description.isEmpty()) {
      lines.add("  no description (saved by NumPy?): no version, no training record");
    } else {
      lines.add("  saved by Nabla " + description.get().nablaVersion());
      description.get().training().ifPresentOrElse(r -> lines.addAll(TrainingRecordRendering.lines(r)),
          () -> lines.add("  no training record (saved before Nabla recorded one, or not by a training run)"));
    }
    return String.join(System.lineSeparator(), lines);
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> json = Fields.ordered("model", model.toString(), "net", net, "input_shape", inputShape,
        "layer_sizes", layerSizes.isEmpty() ? null : layerSizes,
        "activation", activation().orElse(null), "dtype", dtype,
        "nabla_version", description.map(ModelDescription::nablaVersion).orElse(null),
        "training", description.flatMap(ModelDescription::training).map(TrainingRecordRendering::json).orElse(null));
    onnx.ifPresent(o -> json.put("onnx", o)); // only for an ONNX file: a .npz's JSON is as it was
    return json;
  }
}
