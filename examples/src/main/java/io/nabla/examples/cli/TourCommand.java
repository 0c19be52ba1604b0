package io.nabla.examples.cli;

import io.nabla.examples.ChapterTour;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** The whole chapter in one run, without MNIST. */
@Command(name = "tour", mixinStandardHelpOptions = true,
    description = "Every worked example of the chapter, and a small net learning synthetic data.")
final class TourCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ChapterTour tour = new ChapterTour(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    tour.run();
    Output.print(spec.commandLine().getOut(), common, tour.results(),
        bytes.toString(StandardCharsets.UTF_8).stripTrailing());
    return 0;
  }
}
