package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.examples.results.GradcheckResult;
import io.nabla.data.LabeledData;
import io.nabla.data.MnistData;
import io.nabla.backend.DType;
import io.nabla.model.Net;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The book's gradient check on the first MNIST rows, the mean absolute difference between the
 * numerical and the backprop gradient of each parameter: of the chapter's TwoLayerNet(784, 50,
 * 10), of the net {@code nabla train} would build with the same {@code --hidden}, {@code
 * --activation} or {@code --net} and {@code --seed}, or of a saved model ({@code --model}).
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
    description = "Numerical vs backprop gradient of a net on the first MNIST rows: the chapter's"
        + " TwoLayerNet, the one 'train' builds with these options, or a saved one (--model);"
        + " mean absolute difference per parameter.")
final class GradcheckCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin ComputeOptions compute;
  @Mixin DataOptions dataOptions;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--rows", defaultValue = "3", description = "Training rows to use (default: ${DEFAULT-VALUE}).")
  int rows;

  @Mixin NetOptions netOptions;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the weights, as for train (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--model", paramLabel = "FILE",
      description = "Check this saved net (converted to --dtype) instead of building one.")
  Path model;

  @Override
  public Integer call() throws Exception {
    Backend backend = compute.backend();
    DType dtype = compute.dtype;
    if (rows < 1) {
      throw new IllegalArgumentException("--rows must be at least 1, got " + rows);
    }
    MnistData data = dataOptions.load(backend, dtype, (f, d, t) -> { });
    LabeledData batch = data.train().slice(0, Math.min(rows, data.train().size()));
    int pixels = batch.images().dim(1);
    if (model != null && netOptions.net != null) {
      throw new IllegalArgumentException("--model and --net both name a net; give one");
    }
    Net net = model != null
        ? SavedModels.open(model, backend, netOptions.activation).net().asType(dtype).weightDecay(netOptions.weightDecay())
        : netOptions.build(pixels, dtype, seed, backend);
    if (net.inputSize() != pixels) {
      throw new IllegalArgumentException(model + " is a net for " + net.inputSize() + " inputs (" + GradcheckResult.describe(net)
          + "); the images have " + pixels + " pixels");
    }
    Output.print(spec.commandLine().getOut(), common, GradcheckResult.of(net, batch));
    return 0;
  }
}
