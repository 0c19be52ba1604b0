package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.examples.results.ModelInfoResult;
import io.nabla.model.Activation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What a saved model says about itself: its net, the version that saved it, how it was trained. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Show a saved model's net, the Nabla version that saved it and how it was trained"
        + " (optimizer and settings, batch, iterations, seed, backend, data and its SHA-256, JDK, start).")
final class InfoCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin BackendOption compute;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "The saved model: a .npz, or an ONNX model (.onnx).")
  Path model;

  @Override
  public Integer call() throws Exception {
    Backend backend = compute.backend();
    // The whole file is read and checked, so that info on a file eval would refuse says so too.
    SavedModels.Opened opened = SavedModels.open(model, backend, Activation.SIGMOID);
    Output.print(spec.commandLine().getOut(), common, ModelInfoResult.of(model, opened.net(), opened.description(),
        opened.onnx().map(o -> "ONNX IR " + o.irVersion() + ", opset " + o.opset() + ", written by " + o.producer()
            + o.finalSoftmax().map(op -> "; its final " + op + " is the classifier's own softmax").orElse(""))));
    return 0;
  }
}
