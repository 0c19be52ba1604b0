package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.data.MnistData;
import io.nabla.examples.results.EvalResult;
import io.nabla.model.Activation;
import io.nabla.model.FeedForwardNet;
import io.nabla.model.Net;
import java.util.Optional;
import io.nabla.train.Evaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Test accuracy of a saved net (two-layer, or deeper: any MNIST-shaped feed-forward net), with how
 * it was trained when the file records it.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Test accuracy of a model saved by 'nabla train' (or by NumPy: W1, b1, W2, b2), or of an ONNX"
        + " model (.onnx) made of the operations Nabla has.")
final class EvalCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin DataOptions dataOptions;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "The saved model: a .npz, or an ONNX model (.onnx).")
  Path model;

  @Mixin BackendOption compute;

  @Option(names = "--activation", paramLabel = "NAME",
      description = "Hidden activation, for a file that does not record it (one saved by NumPy): "
          + "${COMPLETION-CANDIDATES} (default: sigmoid). A file saved by Nabla records its own.")
  Activation activation;

  @Override
  public Integer call() throws Exception {
    Backend backend = compute.backend();
    SavedModels.Opened loaded = SavedModels.open(model, backend, activation == null ? Activation.SIGMOID : activation);
    Net net = loaded.net();
    Optional<Activation> hidden = net instanceof FeedForwardNet mlp ? Optional.of(mlp.activation()) : Optional.empty();
    if (loaded.recordsItsNet()) {
      if (activation != null && hidden.isEmpty()) {
        throw new IllegalArgumentException("--activation is for a file that does not record its net; " + model
            + " records it: " + net.architecture());
      }
      if (activation != null && activation != hidden.get()) {
        throw new IllegalArgumentException("--activation " + activation.label() + " contradicts " + model
            + ", which records that it was trained with " + hidden.get().label());
      }
    } else {
      spec.commandLine().getErr().println("nabla eval: " + model + " does not record its activation (saved by"
          + " NumPy?): assuming " + hidden.get().label()
          + (activation == null ? "; pass --activation if it was trained with another" : ""));
    }
    MnistData data = dataOptions.load(backend, net.dtype(), (f, d, t) -> { });
    int pixels = data.test().images().dim(1);
    if (net.inputSize() != pixels || net.outputSize() != 10) {
      throw new IllegalArgumentException(model + " is a net for " + net.inputSize() + " inputs and "
          + net.outputSize() + " classes (" + shape(net) + "); the test images have "
          + pixels + " pixels and 10 classes");
    }
    double accuracy = Evaluation.accuracy(net, data.test(), Evaluation.batchFor(net));
    Output.print(spec.commandLine().getOut(), common, EvalResult.of(model, net, loaded.description(),
        !loaded.recordsItsNet(),
        data.test().size(), accuracy));
    return 0;
  }

  /** The layer sizes of a fully connected net, the layers of another. */
  private static String shape(Net net) {
    return net instanceof FeedForwardNet mlp ? "layer sizes " + mlp.layerSizes() : "net " + net.architecture();
  }

}
