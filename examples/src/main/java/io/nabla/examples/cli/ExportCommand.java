package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.examples.results.ExportResult;
import io.nabla.model.Activation;
import io.nabla.model.Net;
import io.nabla.onnx.OnnxExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a saved model as an ONNX model, for ONNX Runtime and every other ONNX runtime. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a saved model as an ONNX model (opset 13) that ONNX Runtime serves: input 'input' of a"
        + " sample's shape after a dynamic batch dimension, outputs 'scores' and 'probabilities'; its training"
        + " record travels in the metadata.")
final class ExportCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin BackendOption compute;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "The saved model (.npz or .onnx).")
  Path model;

  @Option(names = "--onnx", required = true, paramLabel = "FILE.onnx", description = "The ONNX file to write.")
  Path onnx;

  @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
      description = "Element type of the file: float32 (default: ONNX Runtime's CPU kernels of Conv and LeakyRelu"
          + " take float32 only) or float64.")
  String dtype;

  @Override
  public Integer call() throws Exception {
    DType type = DType.parse(dtype);
    Backend backend = compute.backend();
    SavedModels.Opened opened = SavedModels.open(model, backend, Activation.SIGMOID);
    if (!opened.recordsItsNet()) {
      throw new IllegalArgumentException(model + " does not record its net (saved by NumPy?): an ONNX file must say"
          + " what each layer computes; load it with nabla eval --activation and save it again with Nabla");
    }
    Net net = opened.net().asType(type);
    var training = opened.description().flatMap(d -> d.training());
    if (training.isPresent()) {
      OnnxExport.save(onnx, net, training.get());
    } else {
      OnnxExport.save(onnx, net);
    }
    Output.print(spec.commandLine().getOut(), common, new ExportResult(model, onnx, net.architecture().text(),
        net.inputShape(), type.label(), OnnxExport.OPSET, Files.size(onnx), training.isPresent()));
    return 0;
  }
}
