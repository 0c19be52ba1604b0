package io.nabla.examples.cli;

import io.nabla.examples.results.CommandResult;
import java.io.PrintWriter;

/** Prints a command's result as JSON or as text. */
final class Output {

  private Output() {}

  /** Prints the result as JSON if asked for JSON, else as text. */
  static void print(PrintWriter out, CommonOptions common, CommandResult result) {
    out.println(common.json ? Json.render(result.json()) : result.text());
    out.flush();
  }

  /** Parses the two coordinates X0,X1 of a point, naming the option when they are not two numbers. */
  static double[] point(String option, String text) {
    double[] point = numbers(option, text);
    if (point.length != 2) {
      throw new IllegalArgumentException(option + ": expected two numbers X0,X1, got " + point.length);
    }
    return point;
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
