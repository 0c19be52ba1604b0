package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.examples.results.SimpleNetResult;
import io.nabla.model.SimpleNet;
import io.nabla.backend.DType;
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
    Output.print(spec.commandLine().getOut(), common, SimpleNetResult.of(net));
    return 0;
  }
}
