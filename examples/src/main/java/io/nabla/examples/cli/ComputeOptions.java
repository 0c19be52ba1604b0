package io.nabla.examples.cli;

import io.nabla.backend.Backends;
import io.nabla.tensor.DType;
import picocli.CommandLine.Option;

/** Where and in what precision to compute. */
final class ComputeOptions {

  @Option(names = "--backend", paramLabel = "NAME",
      description = "pure, jblas or simd (default: NABLA_BACKEND, else the fastest available).")
  String backend;

  @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
      description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
  String dtype;

  /** Applies the backend choice and returns the dtype; errors name the bad value. */
  DType apply() {
    if (backend != null) {
      Backends.setCurrent(backend);
    }
    return DType.parse(dtype);
  }
}
