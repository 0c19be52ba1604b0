package io.nabla.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every subcommand has. */
final class CommonOptions {

  /** Whether the command that {@code commandLine} ran was given {@code --verbose}. */
  static boolean verboseIn(CommandLine commandLine) {
    for (Object mixin : commandLine.getMixins().values()) {
      if (mixin instanceof CommonOptions common) {
        return common.verbose;
      }
    }
    return false;
  }

  @Option(names = "--json", description = "Print JSON (full double precision) instead of text.")
  boolean json;

  @Option(names = "--verbose", description = "Show the stack trace of an error.")
  boolean verbose;
}
