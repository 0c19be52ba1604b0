package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where and in what precision to compute. */
final class ComputeOptions {

  @Mixin BackendOption where;

  @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  DType dtype;

  /** The backend the user named, else the default one; errors name the bad value. */
  Backend backend() {
    return where.backend();
  }
}
