package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import picocli.CommandLine.Option;

/** Which backend computes: the one {@code --backend} names, else the default. */
final class BackendOption {

  @Option(names = "--backend", paramLabel = "NAME",
      description = "pure, jblas or simd (default: NABLA_BACKEND, else the fastest available).")
  String backend;

  /** The backend the user named, else the default one; errors name the bad value. */
  Backend backend() {
    return backend != null ? Backends.get(backend) : Backends.current();
  }
}
