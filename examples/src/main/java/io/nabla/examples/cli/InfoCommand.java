package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.examples.results.ModelInfoResult;
import io.nabla.model.Activation;
import io.nabla.model.ModelFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What a saved model says about itself: its net, the version that saved it, how it was trained. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Show a saved model's net, the Nabla version that saved it and how it was trained"
        + " (optimizer and settings, batch, iterations, seed, backend, data and its SHA-256, JDK, start).")
final class InfoCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin BackendOption compute;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE.npz", description = "The saved model.")
  Path model;

  @Override
  public Integer call() throws Exception {
    Backend backend = compute.backend();
    // The whole file is read and checked, so that info on a file eval would refuse says so too.
    ModelFile.Loaded loaded = ModelFile.load(model, backend, Activation.SIGMOID);
    Output.print(spec.commandLine().getOut(), common, ModelInfoResult.of(model, loaded));
    return 0;
  }
}
