package io.nabla.examples.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * The {@code nabla} command. Errors end in one line on standard error and a non-zero exit code:
 * 2 for a bad command line, 1 for anything else; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "nabla",
    mixinStandardHelpOptions = true,
    versionProvider = NablaVersion.class,
    description = "Neural-network learning as chapter 4 of Deep Learning from Scratch teaches it.",
    subcommands = {
      TrainCommand.class, EvalCommand.class, InfoCommand.class, ExportCommand.class, LossCommand.class, DiffCommand.class,
      GradientCommand.class, DescentCommand.class, SimpleNetCommand.class,
      GradcheckCommand.class, BackendsCommand.class, TourCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public final class NablaCli implements Runnable {

  @Spec private CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given output streams; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new NablaCli());
    // Every subcommand answers --version with the build's version, as the top command does.
    NablaVersion version = new NablaVersion();
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(version);
    }
    // 'nabla generate-completion' prints a bash/zsh completion script: listed with the others.
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    cli.setOut(out);
    cli.setErr(err);
    // Enum options (--dtype, --activation, --optimizer) take their values in any case.
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (CommonOptions.verboseIn(commandLine)) {
        e.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().println("nabla " + commandLine.getCommandName() + ": " + oneLine(e));
      commandLine.getErr().flush();
      return 1;
    });
    cli.setParameterExceptionHandler((e, strings) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println("nabla: " + e.getMessage());
      failed.getErr().println("Try 'nabla " + (failed.getParent() == null ? "" : failed.getCommandName() + " ")
          + "--help' for the options.");
      failed.getErr().flush();
      return 2;
    });
    int code = cli.execute(args);
    out.flush();
    return code;
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return message.replace('\n', ' ');
  }
}
