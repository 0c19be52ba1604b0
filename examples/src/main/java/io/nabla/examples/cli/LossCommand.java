package io.nabla.examples.cli;

import io.nabla.loss.CrossEntropy;
import io.nabla.loss.MeanSquaredError;
import io.nabla.loss.Targets;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Mean squared error and cross-entropy of the chapter's example vectors, or of given ones. */
@Command(name = "loss", mixinStandardHelpOptions = true,
    description = "MSE and cross-entropy of the chapter's examples, or of --y against --t.")
final class LossCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--y", paramLabel = "LIST", description = "Network output, comma-separated.")
  String y;

  @Option(names = "--t", paramLabel = "LIST", description = "Target (one-hot or a distribution), comma-separated.")
  String t;

  @Override
  public Integer call() {
    List<double[][]> cases = new ArrayList<>();
    if (y != null || t != null) {
      if (y == null || t == null) {
        throw new IllegalArgumentException("--y and --t go together");
      }
      cases.add(new double[][] {Output.numbers("--y", y), Output.numbers("--t", t)});
    } else {
      // The chapter's 10-class example, correct class 2, with 0.6 on class 2 and then on class 7.
      double[] target = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
      cases.add(new double[][] {{0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0}, target});
      cases.add(new double[][] {{0.1, 0.05, 0.1, 0, 0.05, 0.1, 0, 0.6, 0, 0}, target});
    }
    List<Object> results = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (double[][] c : cases) {
      Tensor yt = Tensors.vector(DType.FLOAT64, c[0]);
      Tensor tt = Tensors.vector(DType.FLOAT64, c[1]);
      double mse = new MeanSquaredError().value(yt, Targets.oneHot(tt));
      double ce = new CrossEntropy().value(yt, Targets.oneHot(tt));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("y", c[0]);
      r.put("t", c[1]);
      r.put("mean_squared_error", mse);
      r.put("cross_entropy", ce);
      results.add(r);
      text.append(String.format(Locale.ROOT, "y = %s%n  mean squared error %.4f  cross-entropy %.4f%n",
          java.util.Arrays.toString(c[0]), mse, ce));
    }
    Output.print(spec.commandLine().getOut(), common, Map.of("cases", results), text.toString().stripTrailing());
    return 0;
  }
}
