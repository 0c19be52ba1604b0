package io.nabla.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nabla.backend.Backend;
import io.nabla.model.Architecture;
import io.nabla.model.ModelDescription;
import io.nabla.model.ModelFile;
import io.nabla.model.Net;
import io.nabla.onnx.proto.OnnxSchema.ModelProto;
import io.nabla.onnx.proto.OnnxSchema.OperatorSetIdProto;
import io.nabla.onnx.proto.OnnxSchema.StringStringEntryProto;
import io.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an ONNX model into a {@link Net} that scores, trains further and saves like any other:
 * one written by {@link OnnxExport}, or by another framework, when it is made of the operators
 * {@link #OPERATORS} lists (PyTorch writes an MLP on [N, 1, 28, 28] as Flatten then Gemm). A file
 * that is not ONNX, is truncated or corrupt, or uses an operator or attribute Nabla does not have
 * is refused with an {@link IOException} of one line naming the file and the node or attribute at
 * fault; every size is checked against the data the file holds before anything is allocated.
 */
public final class OnnxImport {

  /** The operators Nabla reads, in the order its error messages list them. */
  public static final java.util.List<String> OPERATORS = NodeReader.OPERATORS;

  /** The largest file read: a protobuf message holds at most 2 GB, and Nabla reads no external data. */
  private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

  private OnnxImport() {}

  /**
   * An imported net and what its file says of itself.
   *
   * @param net the net, its parameters on the backend asked for
   * @param producer the program that wrote the file and its version ({@code "pytorch 1.13.1"})
   * @param irVersion the file's IR version
   * @param opset the version of ONNX's operator set the graph uses
   * @param finalSoftmax the graph's last node when it was a Softmax or LogSoftmax, which the
   *     classifier's own softmax stands for
   * @param description the Nabla description in the file's metadata (its training record), when
   *     Nabla wrote the file and its net is the one read
   */
  public record Imported(Net net, String producer, long irVersion, long opset, Optional<String> finalSoftmax,
      Optional<ModelDescription> description) {

    /** The net with its description, as {@link ModelFile#load} gives a {@code .npz}'s. */
    public ModelFile.Loaded loaded() {
      return new ModelFile.Loaded(net, description);
    }
  }

  /**
   * Reads the ONNX model in {@code file}, its parameters onto {@code backend}.
   *
   * @throws IOException of one line naming the file, and the node, attribute or tensor at fault
   */
  public static Imported load(Path file, Backend backend) throws IOException {
    return load(file, file.toString(), backend);
  }

  /**
   * As {@link #load(Path, Backend)}, messages naming the file {@code name} (a local copy's
   * original, such as a path on HDFS).
   */
  public static Imported load(Path file, String name, Backend backend) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new IOException(name + ": no such file", e);
    }
    if (size > MAX_FILE_BYTES) {
      throw new IOException(name + ": " + size + " bytes; Nabla reads ONNX files of up to 2 GB (no external data)");
    }
    return read(name, Files.readAllBytes(file), backend);
  }

  /**
   * Reads an ONNX model from its bytes; {@code source} names it in messages.
   *
   * @throws IOException of one line naming the source, and the node, attribute or tensor at fault
   */
  public static Imported read(String source, byte[] bytes, Backend backend) throws IOException {
    ModelProto model;
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setSizeLimit(Integer.MAX_VALUE);
      model = ModelProto.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new IOException(source + ": not an ONNX model, or a truncated or corrupt one (" + e.getMessage() + ")", e);
    }
    if (!model.hasGraph() || model.getIrVersion() < 1 || model.getGraph().getNodeCount() == 0) {
      throw new IOException(source + ": not an ONNX model, or a truncated or corrupt one (no IR version or no graph)");
    }
    long opset = -1;
    for (OperatorSetIdProto set : model.getOpsetImportList()) {
      if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
        opset = set.getVersion();
      }
    }
    if (opset < 7) {
      throw new IOException(source + ": " + (opset < 0 ? "imports no ONNX operator set" : "operator set " + opset
          + " is older than 7, the oldest Nabla reads"));
    }
    GraphReader.Read read;
    try {
      read = new GraphReader(model.getGraph(), backend).read();
    } catch (OnnxRefusal e) {
      throw new IOException(source + ": " + oneLine(e.getMessage()), e);
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    read.net().parameters().forEach(p -> tensors.put(p.name(), p.value()));
    tensors.putAll(read.net().buffers());
    ModelFile.checkFinite(source, tensors); // as a .npz's: NaN weights would score as if they were fine
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
    return new Imported(read.net(), producer.isEmpty() ? "unknown" : producer, model.getIrVersion(), opset,
        read.finalSoftmax(), description(source, model, read.net()));
  }

  /** The message with the control characters a file's names may hold written as escapes, so it stays one line. */
  private static String oneLine(String message) {
    StringBuilder out = new StringBuilder(message.length());
    message.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** The Nabla description in the metadata, if it describes the net read. */
  private static Optional<ModelDescription> description(String source, ModelProto model, Net net) throws IOException {
    for (StringStringEntryProto entry : model.getMetadataPropsList()) {
      if (entry.getKey().equals(ModelFile.DESCRIPTION_KEY)) {
        ModelDescription d;
        try {
          d = ModelDescription.parse(source + ": metadata " + ModelFile.DESCRIPTION_KEY, entry.getValue());
        } catch (IOException e) {
          throw new IOException(oneLine(e.getMessage()), e);
        }
        Architecture read = net.architecture();
        if (d.architecture().equals(read) && d.inputShape().equals(net.inputShape())) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }
}
