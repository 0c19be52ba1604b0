package io.nabla.onnx;

import io.nabla.Version;
import io.nabla.io.AtomicFiles;
import io.nabla.model.ModelDescription;
import io.nabla.model.ModelFile;
import io.nabla.model.Net;
import io.nabla.model.TrainingRecord;
import io.nabla.onnx.proto.OnnxSchema.ModelProto;
import io.nabla.onnx.proto.OnnxSchema.OperatorSetIdProto;
import io.nabla.onnx.proto.OnnxSchema.StringStringEntryProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes a {@link Net} as an ONNX model that ONNX Runtime, and any runtime of opset 13 or later,
 * runs: the net in its inference form (dropout passes its input through, batch normalization uses
 * its running statistics), one input {@value #INPUT} of a sample's shape after a dynamic batch
 * dimension {@value #BATCH} ([N, 784] for an MLP, [N, 1, 28, 28] for a convolutional net), and two
 * outputs: {@value #SCORES}, the class scores [N, classes] that Nabla's {@code scores} gives, and
 * {@value #PROBABILITIES}, their softmax. The parameters keep their Nabla names ({@code W1, b1,
 * ...}) and element type, and the model's description (its net and how it was trained, the text
 * a {@code .npz} carries) travels in the metadata under {@value ModelFile#DESCRIPTION_KEY}, so
 * {@code nabla info} on the file says how the model was trained.
 */
public final class OnnxExport {

  /** The IR version written: the first with opset 13. */
  public static final long IR_VERSION = 7;

  /** The ONNX operator set the graph is written in. */
  public static final long OPSET = 13;

  /** The name of the graph's input. */
  public static final String INPUT = "input";

  /** The name of the batch dimension, left free. */
  public static final String BATCH = "N";

  /** The name of the class scores output (before softmax). */
  public static final String SCORES = "scores";

  /** The name of the class probabilities output. */
  public static final String PROBABILITIES = "probabilities";

  private OnnxExport() {}

  /**
   * Writes the net to {@code file} atomically (an old file survives a failed write).
   *
   * @throws IOException naming the file if it cannot be written
   * @throws IllegalArgumentException naming a layer ONNX cannot express
   */
  public static void save(Path file, Net net) throws IOException {
    write(file, model(net, ModelDescription.of(net)));
  }

  /** As {@link #save(Path, Net)}, with how the net was trained in the metadata. */
  public static void save(Path file, Net net, TrainingRecord training) throws IOException {
    write(file, model(net, ModelDescription.of(net, training)));
  }

  /**
   * The ONNX model's bytes, as {@link #save(Path, Net)} writes them (for a runtime that takes bytes,
   * or a file system that is not a {@link Path}).
   */
  public static byte[] bytes(Net net) {
    return model(net, ModelDescription.of(net)).toByteArray();
  }

  /** As {@link #bytes(Net)}, with how the net was trained in the metadata. */
  public static byte[] bytes(Net net, TrainingRecord training) {
    return model(net, ModelDescription.of(net, training)).toByteArray();
  }

  private static void write(Path file, ModelProto model) throws IOException {
    AtomicFiles.write(file, model::writeTo);
  }

  /** The most bytes a protobuf message holds: ONNX files larger keep their data in external files. */
  private static final long MAX_BYTES = Integer.MAX_VALUE;

  private static ModelProto model(Net net, ModelDescription description) {
    long parameterBytes = 0;
    for (var p : net.parameters()) {
      parameterBytes += (long) p.value().size() * (net.dtype() == io.nabla.backend.DType.FLOAT64 ? 8 : 4);
    }
    if (parameterBytes > MAX_BYTES) {
      throw new IllegalArgumentException("the net's parameters take " + parameterBytes + " bytes, more than the 2 GB"
          + " an ONNX file holds without external data, which Nabla does not write");
    }
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("Nabla")
        .setProducerVersion(Version.current())
        .setDocString("A Nabla net: " + net.architecture().text() + " on samples " + net.inputShape())
        .setGraph(new GraphWriter(net).graph())
        .addMetadataProps(StringStringEntryProto.newBuilder()
            .setKey(ModelFile.DESCRIPTION_KEY).setValue(description.toText()))
        .build();
  }
}
