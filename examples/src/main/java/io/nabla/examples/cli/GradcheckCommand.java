package io.nabla.examples.cli;

import io.nabla.gradcheck.GradientChecker;
import io.nabla.backend.Backend;
import io.nabla.data.LabeledData;
import io.nabla.data.MnistData;
import io.nabla.loss.Targets;
import io.nabla.model.TwoLayerNet;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    TwoLayerNet net = TwoLayerNet.builder(784, 50, 10).dtype(dtype).seed(42).backend(backend).build();
    Targets t = Targets.labels(batch.labels());
    Map<String, Tensor> numerical = GradientChecker.centralDifferences().numericalGradient(net, batch.images(), t);
    Map<String, Tensor> backprop = net.gradient(batch.images(), t);
    Map<String, Object> json = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "TwoLayerNet(784, 50, 10), %d rows, %s on %s: mean |numerical - backprop|%n",
        batch.size(), dtype.label(), backend.name()));
    for (Map.Entry<String, Tensor> e : numerical.entrySet()) {
      double diff = e.getValue().sub(backprop.get(e.getKey()).asType(DType.FLOAT64)).abs().mean();
      json.put(e.getKey(), diff);
      text.append(String.format(Locale.ROOT, "  %-3s %.3e%n", e.getKey(), diff));
    }
    Output.print(spec.commandLine().getOut(), common, json, text.toString().stripTrailing());
    return 0;
  }
}
