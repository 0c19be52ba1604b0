package io.nabla.examples.cli;

import io.nabla.examples.results.LossResult;
import java.util.List;
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
    LossResult result;
    if (y != null || t != null) {
      if (y == null || t == null) {
        throw new IllegalArgumentException("--y and --t go together");
      }
      result = new LossResult(List.of(LossResult.of(Output.numbers("--y", y), Output.numbers("--t", t))));
    } else {
      result = LossResult.chapterExamples();
    }
    Output.print(spec.commandLine().getOut(), common, result);
    return 0;
  }
}
