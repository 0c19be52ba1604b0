package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.examples.results.GradcheckResult;
import io.nabla.data.LabeledData;
import io.nabla.data.MnistData;
import io.nabla.backend.DType;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The book's gradient check: TwoLayerNet(784, 50, 10) on the first MNIST rows, the mean absolute
 * difference between the numerical and the backprop gradient of each parameter.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
    description = "Numerical vs backprop gradient of TwoLayerNet on the first MNIST rows:"
        + " mean absolute difference per parameter.")
final class GradcheckCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin ComputeOptions compute;
  @Mixin DataOptions dataOptions;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--rows", defaultValue = "3", description = "Training rows to use (default: ${DEFAULT-VALUE}).")
  int rows;

  @Override
  public Integer call() throws Exception {
    Backend backend = compute.backend();
    DType dtype = compute.dtype;
    if (rows < 1) {
      throw new IllegalArgumentException("--rows must be at least 1, got " + rows);
    }
    MnistData data = dataOptions.load(backend, dtype, (f, d, t) -> { });
    LabeledData batch = data.train().slice(0, Math.min(rows, data.train().size()));
    Output.print(spec.commandLine().getOut(), common, GradcheckResult.of(batch, dtype, backend));
    return 0;
  }
}
