package io.nabla.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line, as a user would start it, with what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = NablaCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    io.nabla.backend.Backends.setCurrent(null);
    return new CliRun(code, out.toString(), err.toString());
  }
}
