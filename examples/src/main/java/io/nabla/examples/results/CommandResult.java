package io.nabla.examples.results;

import java.util.Map;

/** What a subcommand computed, rendered as text for a person and as data for {@code --json}. */
public interface CommandResult {

  /** The result as the command prints it for a person, without a trailing newline. */
  String text();

  /**
   * The result as data for JSON: maps (in key order), lists, double arrays, strings, numbers
   * and booleans, with the keys the JSON key table of docs/cli.md names.
   */
  Map<String, Object> json();
}
