package io.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model saved by {@code nabla train} says how it was trained: {@code nabla info} shows it alone,
 * as text and JSON, and {@code nabla eval} prints it under the accuracy. Files of the first format
 * (core's fixtures, saved before the record existed) are shown without one.
 */
class ModelInfoCommandTest {

  @TempDir Path out;

  private Path fixture(String name) throws IOException {
    Path file = out.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/io/nabla/model/fixtures/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void aTrainedModelRecordsTheRunAndEvalAndInfoShowIt() {
    String data = TestData.mnistDir().toString();
    CliRun train = CliRun.of("train", "--data", data, "--iters", "700", "--batch", "50", "--lr", "0.2",
        "--optimizer", "momentum", "--shuffle", "--seed", "11", "--hidden", "12", "--out", out.toString());
    assertEquals(0, train.exitCode(), train.err());
    String model = out.resolve("model.npz").toString();

    CliRun info = CliRun.of("info", "--model", model);
    assertEquals(0, info.exitCode(), info.err());
    List<String> lines = info.out().strip().lines().toList();
    assertEquals(model + ": net 784-12-10, sigmoid hidden activation, float32", lines.get(0));
    assertTrue(lines.get(1).startsWith("  saved by Nabla "), lines.get(1));
    assertEquals("  trained with momentum (learning rate 0.2, momentum 0.9), batch 50, 700 of 700 iterations,"
        + " shuffled epochs, seed 11, initial weights normal(0.01)", lines.get(2));
    assertTrue(lines.get(3).matches("  on backend \\S+, JDK " + java.util.regex.Pattern.quote(
        io.nabla.model.TrainingRecord.currentJdk()) + ", started 20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), lines.get(3));
    assertEquals("  data mnist:", lines.get(4));
    assertEquals(9, lines.size(), info.out());
    assertTrue(lines.get(5).matches("    train-images-idx3-ubyte(\\.gz)?  sha256 [0-9a-f]{64}"), lines.get(5));

    CliRun json = CliRun.of("info", "--model", model, "--json");
    assertEquals(0, json.exitCode(), json.err());
    assertTrue(json.out().startsWith("{\"model\": \"" + model + "\", \"net\": \"affine(12) sigmoid affine(10)\", \"input_shape\": [784], \"layer_sizes\": [784, 12, 10], \"activation\":"
        + " \"sigmoid\", \"dtype\": \"float32\", \"nabla_version\": "), json.out());
    assertTrue(json.out().contains("\"training\": {\"optimizer\": \"momentum\", \"optimizer_settings\":"
        + " {\"learning_rate\": 0.2, \"momentum\": 0.9}, \"batch_size\": 50, \"iterations\": 700,"
        + " \"iterations_done\": 700, \"shuffled_epochs\": true, \"seed\": 11, \"weight_init\": \"normal(0.01)\", \"weight_decay\": 0.0,"
        + " \"backend\": "), json.out());
    assertTrue(json.out().contains("\"dataset\": \"mnist\", \"dataset_sha256\": {\"train-images-idx3-ubyte"), json.out());

    CliRun eval = CliRun.of("eval", "--data", data, "--model", model);
    assertEquals(0, eval.exitCode(), eval.err());
    List<String> evalLines = eval.out().strip().lines().toList();
    assertTrue(evalLines.get(0).startsWith(model + ": test accuracy 0."), evalLines.get(0));
    assertEquals(lines.subList(2, lines.size()), evalLines.subList(1, evalLines.size()), "eval shows the same record");
    CliRun evalJson = CliRun.of("eval", "--data", data, "--model", model, "--json");
    assertTrue(evalJson.out().contains("\"training\": {\"optimizer\": \"momentum\""), evalJson.out());
  }

  @Test
  void aFileOfTheFirstFormatIsShownWithoutARecord() throws IOException {
    Path old = fixture("format1-without-training-record.npz");
    CliRun info = CliRun.of("info", "--model", old.toString());
    assertEquals(0, info.exitCode(), info.err());
    assertEquals(List.of(old + ": net 784-10-10, sigmoid hidden activation, float32", "  saved by Nabla 0.1.0-SNAPSHOT",
        "  no training record (saved before Nabla recorded one, or not by a training run)"),
        info.out().strip().lines().toList());
    CliRun json = CliRun.of("info", "--model", old.toString(), "--json");
    assertTrue(json.out().strip().endsWith("\"nabla_version\": \"0.1.0-SNAPSHOT\", \"training\": null}"), json.out());
  }

  @Test
  void theCommittedModelOfThisFormatIsShownAsItWasTrained() throws IOException {
    Path file = fixture("format1-with-training-record.npz");
    CliRun info = CliRun.of("info", "--model", file.toString());
    assertEquals(0, info.exitCode(), info.err());
    List<String> lines = info.out().strip().lines().toList();
    assertTrue(lines.contains("  trained with sgd (learning rate 0.1), batch 100, 6000 of 6000 iterations,"
        + " batches drawn with replacement, seed 7"), info.out());
    assertTrue(lines.contains("    t10k-labels-idx1-ubyte.gz  sha256"
        + " b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b"), info.out());
  }

  @Test
  void aFileSavedByNumpyHasNoDescriptionAndInfoSaysSo() throws IOException {
    Path bare = out.resolve("numpy.npz");
    io.nabla.io.Npz.save(bare, io.nabla.io.Npz.load(fixture("format1-without-training-record.npz")));
    CliRun info = CliRun.of("info", "--model", bare.toString());
    assertEquals(0, info.exitCode(), info.err());
    assertEquals(List.of(bare + ": net 784-10-10, hidden activation not recorded, float32",
        "  no description (saved by NumPy?): no version, no training record"), info.out().strip().lines().toList());
    CliRun json = CliRun.of("info", "--model", bare.toString(), "--json");
    assertEquals("{\"model\": \"" + bare + "\", \"net\": \"affine(10) sigmoid affine(10)\", \"input_shape\": [784], \"layer_sizes\": [784, 10, 10], \"activation\": null, \"dtype\":"
        + " \"float32\", \"nabla_version\": null, \"training\": null}", json.out().strip());
  }

  @Test
  void aFileThatIsNotAModelIsOneLineNamingIt() throws IOException {
    Path bad = out.resolve("notes.npz");
    Files.writeString(bad, "not a zip");
    CliRun info = CliRun.of("info", "--model", bad.toString());
    assertEquals(1, info.exitCode());
    assertTrue(info.err().startsWith("nabla info: " + bad + ": not"), info.err());
    assertEquals(1, info.err().strip().lines().count(), info.err());
  }
}
