package io.nabla.examples.cli;

import java.io.PrintWriter;
import java.util.Map;

/** Prints a command's result as JSON or as text. */
final class Output {

  private Output() {}

  /** Prints {@code json} rendered if asked for JSON, else {@code text}. */
  static void print(PrintWriter out, CommonOptions common, Map<String, Object> json, String text) {
    out.println(common.json ? Json.render(json) : text);
    out.flush();
  }

  /** Parses a comma-separated list of numbers, naming the option when one is not a number. */
  static double[] numbers(String option, String text) {
    String[] parts = text.split(",");
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + ": '" + parts[i].trim() + "' is not a number");
      }
    }
    return values;
  }
}
