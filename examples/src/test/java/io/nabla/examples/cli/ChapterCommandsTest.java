package io.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subcommands that reproduce the chapter's small examples, run as a user runs them. */
class ChapterCommandsTest {

  @TempDir Path dir;

  private static void assertPng(Path file) throws Exception {
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(800, image.getWidth(), file.toString());
    assertEquals(500, image.getHeight(), file.toString());
  }

  @Test
  void lossPrintsTheChaptersValuesAndFullPrecisionJson() {
    CliRun text = CliRun.of("loss");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("mean squared error 0.0975  cross-entropy 0.5108"), text.out());
    assertTrue(text.out().contains("mean squared error 0.5975  cross-entropy 2.3026"), text.out());
    CliRun json = CliRun.of("loss", "--json", "--y", "0,0,1,0,0,0,0", "--t", "0.1,0.05,0.6,0.0,0.05,0.1,0.0");
    // The seed's own call with its arguments swapped: MSE 0.0925 (CHAPTER.md).
    assertTrue(json.out().startsWith("{\"cases\": [{\"y\": [0.0, 0.0, 1.0"), json.out());
    assertTrue(json.out().contains("\"mean_squared_error\": 0.0925"), json.out());
    CliRun bad = CliRun.of("loss", "--y", "1,x", "--t", "1,0");
    assertEquals(1, bad.exitCode());
    assertEquals("nabla loss: --y: 'x' is not a number", bad.err().strip());
  }

  @Test
  void diffGradientAndDescentPrintTheChaptersNumbersAndDrawPlots() throws Exception {
    CliRun diff = CliRun.of("diff", "--x", "10", "--json", "--plot", dir.resolve("diff.png").toString());
    assertTrue(diff.out().contains("\"numerical_derivative\": 0.2999999999986347"), diff.out());
    assertPng(dir.resolve("diff.png"));
    CliRun gradient = CliRun.of("gradient", "--at", "0,2", "--plot", dir.resolve("field.png").toString());
    assertTrue(gradient.out().contains("at (0.0, 2.0): (0.0, 4.000000000004)"), gradient.out());
    assertPng(dir.resolve("field.png"));
    CliRun descent = CliRun.of("descent", "--json", "--plot", dir.resolve("path.png").toString());
    assertTrue(descent.out().contains("\"final\": [-6.111107928998789E-10, 8.148143905314271E-10]"),
        descent.out());
    assertPng(dir.resolve("path.png"));
    CliRun diverge = CliRun.of("descent", "--lr", "10");
    assertTrue(diverge.out().contains("final point (-2.5898374737328363E13"), diverge.out());
  }

  @Test
  void simplenetPrintsTheChaptersPredictionAndGradient() {
    CliRun run = CliRun.of("simplenet", "--json");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("\"argmax\": 2"), run.out());
    assertTrue(run.out().contains("\"prediction\": [1.05414809"), run.out());
    CliRun seeded = CliRun.of("simplenet", "--seed", "3");
    assertTrue(seeded.out().startsWith("W          float64[2, 3]"), seeded.out());
  }

  @Test
  void backendsListsEveryBackend() {
    CliRun run = CliRun.of("backends", "--json");
    assertEquals(0, run.exitCode(), run.err());
    for (String name : new String[] {"pure", "jblas", "simd"}) {
      assertTrue(run.out().contains("\"name\": \"" + name + "\""), run.out());
    }
    assertTrue(CliRun.of("backends").out().contains("* = current backend"));
  }

  @Test
  void tourRuns() {
    CliRun run = CliRun.of("tour");
    assertTrue(run.out().contains("TwoLayerNet(10, 16, 3)"), run.out());
  }

  @Test
  void tourTakesJsonLikeEverySubcommand() {
    CliRun run = CliRun.of("tour", "--json");
    assertEquals(0, run.exitCode(), run.err());
    String json = run.out().strip();
    assertTrue(json.startsWith("{\"backend\": ") && json.endsWith("}") && json.lines().count() == 1, json);
    // The chapter's values, at full precision, in the order the text prints them.
    assertTrue(json.contains("\"mean_squared_error\": 0.0975"), json);
    assertTrue(json.contains("\"cross_entropy\": 0.5108254"), json);
    assertTrue(json.contains("\"gradients\": [{\"at\": [3.0, 4.0], \"gradient\": [6.00000000000378, 7.999999999999119]}"), json);
    assertTrue(json.contains("\"simple_net\": {\"W\": [[0.47355232"), json);
    assertTrue(json.contains("\"two_layer_net\": {\"gradient_check_worst_relative_error\": "), json);
  }

  @Test
  void theTourIsMadeOfTheSubcommandsResultsWithTheirKeysAndValues() {
    // Each section of the tour's JSON is, byte for byte, what the subcommand prints for the same
    // example: one name and one value per quantity.
    String tour = CliRun.of("tour", "--json").out().strip();
    Map<String, String> sections = new LinkedHashMap<>();
    sections.put("\"losses\": ", CliRun.of("loss", "--json").out().strip());
    sections.put("\"derivatives\": [", CliRun.of("diff", "--x", "5", "--json").out().strip());
    sections.put("\"gradients\": [", CliRun.of("gradient", "--at", "3,4", "--json").out().strip());
    sections.put("\"gradient_descent\": [", CliRun.of("descent", "--json").out().strip());
    sections.put("\"simple_net\": ", CliRun.of("simplenet", "--json").out().strip());
    sections.forEach((key, subcommand) -> {
      assertTrue(subcommand.startsWith("{") && subcommand.length() > 20, key + subcommand);
      assertTrue(tour.contains(key + subcommand), "the tour's " + key + " should hold " + subcommand + "\n" + tour);
    });
    String diffAt10 = CliRun.of("diff", "--x", "10", "--json").out().strip();
    assertTrue(tour.contains(", " + diffAt10 + "]"), diffAt10);
  }

  @Test
  void badCommandLinesFailWithOneLineAndExitCode2() {
    CliRun unknown = CliRun.of("train", "--bogus");
    assertEquals(2, unknown.exitCode());
    assertEquals("nabla: Unknown option: '--bogus'\nTry 'nabla train --help' for the options.",
        unknown.err().strip());
    CliRun number = CliRun.of("descent", "--steps", "many");
    assertEquals(2, number.exitCode());
    assertTrue(number.err().startsWith("nabla: Invalid value for option '--steps': 'many' is not an int"),
        number.err());
    CliRun backend = CliRun.of("train", "--backend", "cuda", "--iters", "1");
    assertEquals(1, backend.exitCode());
    assertTrue(backend.err().startsWith("nabla train: unknown backend 'cuda'; found: "), backend.err());
    assertTrue(!backend.err().contains("\tat "), "no stack trace without --verbose");
    CliRun verbose = CliRun.of("train", "--backend", "cuda", "--verbose");
    assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack trace");
  }

  @Test
  void verboseIsReadFromTheParsedOptionsEvenInAnArgumentFile() throws Exception {
    // picocli expands @FILE into arguments; the command must see --verbose wherever it came from.
    Path args = Files.writeString(dir.resolve("args"), "train\n--backend\ncuda\n--verbose\n");
    CliRun run = CliRun.of("@" + args);
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("\tat "), "--verbose from " + args + " shows the stack trace: " + run.err());
  }

  @Test
  void anUnwritableOutputDirectoryFailsBeforeTraining() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliRun run = CliRun.of("train", "--out", file.resolve("sub").toString(), "--iters", "1");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("nabla train: --out " + file.resolve("sub") + ": cannot create"), run.err());
  }
}
