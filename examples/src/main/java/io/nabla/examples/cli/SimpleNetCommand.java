package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.loss.Targets;
import io.nabla.model.SimpleNet;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The chapter's simpleNet: weights, prediction, loss and numerical gradient for x = [0.6, 0.9]. */
@Command(name = "simplenet", mixinStandardHelpOptions = true,
    description = "The chapter's simpleNet for x = [0.6, 0.9], t = [0, 0, 1]: the chapter's printed"
        + " weights, or random ones with --seed.")
final class SimpleNetCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--seed", description = "Draw W from N(0, 1) with this seed instead.")
  Long seed;

  @Override
  public Integer call() {
    Backend backend = Backends.current();
    SimpleNet net = seed == null
        ? SimpleNet.withChaptersWeight(backend, DType.FLOAT64)
        : SimpleNet.random(backend, seed, DType.FLOAT64);
    Tensor x = Tensors.vector(backend, DType.FLOAT64, 0.6, 0.9);
    Targets t = Targets.labels(2);
    Tensor prediction = net.predict(x);
    double loss = net.loss(x, t);
    Tensor dW = GradientChecker.centralDifferences().numericalGradient(net, x, t).get(SimpleNet.WEIGHT);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("W", rows(net.weight()));
    json.put("x", x.toDoubleArray());
    json.put("prediction", prediction.toDoubleArray());
    json.put("argmax", prediction.argmax());
    json.put("loss", loss);
    json.put("dW", rows(dW));
    Output.print(spec.commandLine().getOut(), common, json, String.format(Locale.ROOT,
        "W          %s%nprediction %s (argmax %d)%nloss       %.6f%ndW         %s",
        net.weight(), prediction, prediction.argmax(), loss, dW));
    return 0;
  }

  private static java.util.List<double[]> rows(Tensor m) {
    java.util.List<double[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < m.rows(); i++) {
      rows.add(m.sliceRows(i, i + 1).toDoubleArray());
    }
    return rows;
  }
}
