package io.nabla.examples.results;

import io.nabla.onnx.OnnxExport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An ONNX file written from a saved model ({@code nabla export}).
 *
 * @param model the saved model read
 * @param onnx the ONNX file written
 * @param net the net's layers as text
 * @param inputShape a sample's shape (the graph's input is this after a batch dimension)
 * @param dtype the element type written
 * @param opset the ONNX operator set of the graph
 * @param bytes the file's size
 * @param withTrainingRecord whether the model's training record went into the metadata
 */
public record ExportResult(Path model, Path onnx, String net, List<Integer> inputShape, String dtype, long opset,
    long bytes, boolean withTrainingRecord) implements CommandResult {

  /** Keeps an unmodifiable copy of the shape. */
  public ExportResult {
    inputShape = List.copyOf(inputShape);
  }

  @Override
  public String text() {
    StringBuilder batchShape = new StringBuilder("[" + OnnxExport.BATCH);
    inputShape.forEach(d -> batchShape.append(", ").append(d));
    return onnx + ": ONNX opset " + opset + ", " + dtype + ", " + bytes + " bytes; net " + net + System.lineSeparator()
        + "  input '" + OnnxExport.INPUT + "' " + batchShape + "], outputs '" + OnnxExport.SCORES + "' and '"
        + OnnxExport.PROBABILITIES + "' [N, classes]"
        + (withTrainingRecord ? "; the training record of " + model + " is in its metadata" : "");
  }

  @Override
  public Map<String, Object> json() {
    return Fields.ordered("model", model.toString(), "onnx", onnx.toString(), "net", net, "input_shape", inputShape,
        "dtype", dtype, "opset", opset, "bytes", bytes, "training_record", withTrainingRecord);
  }
}
