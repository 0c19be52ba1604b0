package io.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX from the command line: {@code nabla export}, then {@code eval}, {@code info} and {@code
 * train --init} on the .onnx file; a model PyTorch wrote; a file that is not ONNX.
 */
class OnnxCommandsTest {

  private static final Path PYTORCH_MLP = Paths.get("../onnx/src/test/resources/pytorch/pytorch-mlp.onnx");

  @TempDir Path out;

  @Test
  void anExportedModelScoresAsTheNpzDidTellsHowItWasTrainedAndTrainsFurther() throws Exception {
    String data = TestData.mnistDir().toString();
    String net = "conv(4,5) relu maxpool(2) affine(10)";
    CliRun train = CliRun.of("train", "--data", data, "--net", net, "--optimizer", "adam", "--lr", "0.01",
        "--iters", "120", "--out", out.toString(), "--json");
    assertEquals(0, train.exitCode(), train.err());
    String npz = out.resolve("model.npz").toString();
    String onnx = out.resolve("model.onnx").toString();
    CliRun export = CliRun.of("export", "--model", npz, "--onnx", onnx);
    assertEquals(0, export.exitCode(), export.err());
    assertTrue(export.out().startsWith(onnx + ": ONNX opset 13, float32, ") && export.out().contains("[N, 1, 28, 28]")
        && export.out().contains("training record of " + npz), export.out());
    CliRun fromNpz = CliRun.of("eval", "--data", data, "--model", npz, "--json");
    CliRun fromOnnx = CliRun.of("eval", "--data", data, "--model", onnx, "--json");
    assertEquals(0, fromOnnx.exitCode(), fromOnnx.err());
    assertEquals(number(fromNpz.out(), "test_accuracy"), number(fromOnnx.out(), "test_accuracy"), 0.0,
        "the same accuracy: " + fromOnnx.out());
    assertTrue(fromOnnx.out().contains("\"optimizer\": \"adam\""), "the training record: " + fromOnnx.out());
    CliRun info = CliRun.of("info", "--model", onnx);
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().startsWith(onnx + ": net " + net + " on [1, 28, 28], float32") && info.out().contains(
        "ONNX IR 7, opset 13, written by Nabla") && info.out().contains("trained with adam"), info.out());

    Path further = out.resolve("further");
    CliRun again = CliRun.of("train", "--data", data, "--init", onnx, "--optimizer", "adam", "--lr", "0.005",
        "--iters", "60", "--out", further.toString(), "--json");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(number(again.out(), "model_test_accuracy") > 0.8, again.out());
    CliRun record = CliRun.of("info", "--model", further.resolve("model.npz").toString());
    assertTrue(record.out().contains("net " + net) && record.out().contains("initial weights from model.onnx"),
        record.out());

    CliRun both = CliRun.of("train", "--data", data, "--init", onnx, "--net", "affine(10)", "--iters", "1");
    assertEquals(2, both.exitCode(), both.err());
    assertTrue(both.err().contains("gives the whole net; leave out --net"), both.err());
  }

  @Test
  void aModelPyTorchWroteScoresAndTellsWhoWroteIt() throws Exception {
    String data = TestData.mnistDir().toString();
    CliRun eval = CliRun.of("eval", "--data", data, "--model", PYTORCH_MLP.toString());
    assertEquals(0, eval.exitCode(), eval.err());
    // PyTorch's own accuracy on these rows, as make_fixtures.py printed it.
    assertTrue(eval.out().contains("test accuracy 0.9313 on 10000 samples"), eval.out());
    assertFalse(eval.err().contains("assuming"), "an ONNX file records its net: " + eval.err());
    CliRun info = CliRun.of("info", "--model", PYTORCH_MLP.toString(), "--json");
    assertTrue(info.out().contains("\"onnx\": \"ONNX IR 7, opset 13, written by pytorch 1.13.0\""), info.out());
  }

  @Test
  void aFileThatIsNotOnnxIsRefusedInOneLineNamingIt() throws Exception {
    Path bad = Files.writeString(out.resolve("bad.onnx"), "not a model");
    CliRun info = CliRun.of("info", "--model", bad.toString());
    assertEquals(1, info.exitCode());
    String err = info.err().strip();
    assertTrue(err.startsWith("nabla info: " + bad + ": not an ONNX model, or a truncated or corrupt one (")
        && !err.contains("\n"), err);
  }

  @Test
  void trainingFurtherFromAFileThatDoesNotRecordItsActivationNeedsIt() throws Exception {
    String data = TestData.mnistDir().toString();
    CliRun train = CliRun.of("train", "--data", data, "--iters", "1", "--out", out.toString(), "--json");
    assertEquals(0, train.exitCode(), train.err());
    Path bare = out.resolve("bare.npz"); // the arrays alone, as NumPy saves them
    io.nabla.io.Npz.save(bare, io.nabla.io.Npz.load(out.resolve("model.npz")));
    CliRun guess = CliRun.of("train", "--data", data, "--init", bare.toString(), "--iters", "1", "--out",
        out.resolve("again").toString());
    assertEquals(2, guess.exitCode());
    assertTrue(guess.err().contains("does not record its activation (saved by NumPy?): give it with --activation"),
        guess.err());
    CliRun given = CliRun.of("train", "--data", data, "--init", bare.toString(), "--activation", "sigmoid",
        "--iters", "1", "--out", out.resolve("again").toString());
    assertEquals(0, given.exitCode(), given.err());
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([0-9.eE-]+)").matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return Double.parseDouble(m.group(1));
  }
}
