package io.nabla.examples.cli;

import io.nabla.backend.Backends;
import io.nabla.data.MnistData;
import io.nabla.io.Npz;
import io.nabla.model.Activation;
import io.nabla.model.TwoLayerNet;
import io.nabla.tensor.DType;
import io.nabla.tensor.Tensor;
import io.nabla.train.Evaluation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Test accuracy of a saved two-layer net. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Test accuracy of a model saved by 'nabla train' (or by NumPy: W1, b1, W2, b2).")
final class EvalCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin DataOptions dataOptions;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE.npz", description = "The saved parameters.")
  Path model;

  @Option(names = "--backend", paramLabel = "NAME", description = "pure, jblas or simd.")
  String backend;

  @Option(names = "--activation", defaultValue = "sigmoid", description = "Hidden activation it was trained with.")
  String activation;

  @Override
  public Integer call() throws Exception {
    if (backend != null) {
      Backends.setCurrent(backend);
    }
    Map<String, Tensor> params = Npz.load(model);
    Map<String, Tensor> onBackend = new LinkedHashMap<>();
    params.forEach((k, v) -> onBackend.put(k, v.on(Backends.current())));
    DType dtype = params.values().iterator().next().dtype();
    TwoLayerNet net = TwoLayerNet.fromParameters(onBackend,
        Activation.valueOf(activation.trim().toUpperCase(Locale.ROOT)));
    MnistData data = dataOptions.load(dtype, (f, d, t) -> { });
    double accuracy = Evaluation.accuracy(net, data.test(), Evaluation.DEFAULT_BATCH);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model.toString());
    json.put("test_samples", data.test().size());
    json.put("test_accuracy", accuracy);
    Output.print(spec.commandLine().getOut(), common, json,
        String.format(Locale.ROOT, "%s: test accuracy %.4f on %d samples", model, accuracy, data.test().size()));
    return 0;
  }
}
