package io.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.Version;
import io.nabla.train.EpochResult;
import io.nabla.train.TrainingHistory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** The command line's version, completion, progress bar and accuracy axis. */
class CliLooseEndsTest {

  @Test
  void everyCommandReportsTheBuildsVersion() {
    for (String[] args : new String[][] {{"--version"}, {"train", "--version"}, {"tour", "--version"}}) {
      CliRun run = CliRun.of(args);
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().startsWith("nabla " + Version.current() + "\n"), String.join(" ", args) + ": " + run.out());
    }
    assertTrue(Version.current().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), Version.current());
  }

  @Test
  void picocliGeneratesAShellCompletionScriptThatKnowsTheSubcommandsAndOptions() {
    CliRun run = CliRun.of("generate-completion");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("complete -F"), "a bash completion function");
    for (String word : new String[] {"train", "eval", "tour", "--no-progress", "--activation"}) {
      assertTrue(run.out().contains(word), word);
    }
    assertTrue(CliRun.of("--help").out().contains("generate-completion"), "listed in the usage");
  }

  @Test
  void theProgressBarDrawsOnlyWhereItShould() {
    // Surefire's forked JVM writes to pipes: not a terminal, on JDK 17 (no console) and on JDK
    // 22+ (a console object that is not a terminal), so a run here must not draw.
    assertFalse(ProgressBar.outputIsATerminal(), "tests do not run on a terminal");
    assertFalse(ProgressBar.forTerminal(new PrintWriter(new StringWriter()), true).enabled());
    StringWriter drawn = new StringWriter();
    new ProgressBar(new PrintWriter(drawn, true), true).update(5, 10, "note");
    assertTrue(drawn.toString().startsWith("\r") && drawn.toString().contains("note"), drawn.toString());
    StringWriter quiet = new StringWriter();
    new ProgressBar(new PrintWriter(quiet, true), false).update(5, 10, "note");
    assertEquals("", quiet.toString(), "--no-progress draws nothing");
  }

  @Test
  void theAccuracyAxisIsFittedToTheCurves() {
    // The chapter's last epochs: train and test 0.0025 apart must not look like one line.
    double[] range = RunOutputs.fittedRange(new double[] {0.78, 0.94, 0.946}, new double[] {0.79, 0.943, 0.9452});
    assertEquals(0.78 - 0.1 * 0.166, range[0], 1e-12);
    assertEquals(0.946 + 0.1 * 0.166, range[1], 1e-12);
    assertArrayEquals(new double[] {0.495, 0.505}, RunOutputs.fittedRange(new double[] {0.5}), 1e-12);
    assertArrayEquals(new double[] {0, 1}, RunOutputs.fittedRange(new double[] {0.0, 1.0}), 1e-12, "kept in [0, 1]");
    // A run's chart: fitted to the epochs that learned, epoch 0 (chance) named in the title.
    TrainingHistory history = new TrainingHistory(new double[] {2.3, 0.5, 0.3}, List.of(
        new EpochResult(0, 1, 0.097, 0.098), new EpochResult(1, 601, 0.79, 0.80), new EpochResult(2, 1201, 0.88, 0.881)));
    XYChart chart = RunOutputs.accuracyChart(history);
    assertTrue(chart.getStyler().getYAxisMin() > 0.7 && chart.getStyler().getYAxisMax() < 0.9,
        chart.getStyler().getYAxisMin() + ".." + chart.getStyler().getYAxisMax());
    assertEquals("Accuracy (epoch 0, below the axis: train 0.097, test 0.098)", chart.getTitle());
  }
}
