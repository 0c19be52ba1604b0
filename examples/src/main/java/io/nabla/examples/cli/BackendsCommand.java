package io.nabla.examples.cli;

import io.nabla.examples.results.BackendsResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Which backends were found, which can run, and why not. */
@Command(name = "backends", mixinStandardHelpOptions = true,
    description = "List the backends found, available or not and why, with the JDK and thread count.")
final class BackendsCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Output.print(spec.commandLine().getOut(), common, BackendsResult.ofThisJvm());
    return 0;
  }
}
