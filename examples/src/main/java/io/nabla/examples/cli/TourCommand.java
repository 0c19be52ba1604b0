package io.nabla.examples.cli;

import io.nabla.examples.results.TourResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** The whole chapter in one run, without MNIST. */
@Command(name = "tour", mixinStandardHelpOptions = true,
    description = "Every worked example of the chapter, and a small net learning synthetic data.")
final class TourCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Output.print(spec.commandLine().getOut(), common, TourResult.run());
    return 0;
  }
}
