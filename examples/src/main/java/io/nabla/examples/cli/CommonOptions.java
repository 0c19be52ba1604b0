package io.nabla.examples.cli;

import picocli.CommandLine.Option;

/** Options every subcommand has. */
final class CommonOptions {

  @Option(names = "--json", description = "Print JSON (full double precision) instead of text.")
  boolean json;

  @Option(names = "--verbose", description = "Show the stack trace of an error.")
  boolean verbose;
}
