package io.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.io.Npz;
import io.nabla.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MNIST subcommands on the real data: a short training run, eval and gradcheck. */
class MnistCommandsTest {

  @TempDir Path out;

  @Test
  void aShortTrainingRunLearnsAndWritesItsOutputsWhichEvalReads() throws Exception {
    String data = TestData.mnistDir().toString();
    // Two epochs and the evaluation after them: 1201 iterations of the chapter's loop.
    CliRun train = CliRun.of("train", "--data", data, "--iters", "1201", "--out", out.toString(), "--json");
    assertEquals(0, train.exitCode(), train.err());
    Matcher m = Pattern.compile("\"final_test_accuracy\": ([0-9.]+)").matcher(train.out());
    assertTrue(m.find(), train.out());
    double accuracy = Double.parseDouble(m.group(1));
    assertTrue(accuracy > 0.85, "test accuracy after two epochs: " + accuracy);
    for (String file : List.of("history.csv", "loss.png", "accuracy.png", "model.npz")) {
      assertTrue(Files.size(out.resolve(file)) > 0, file);
    }
    List<String> csv = Files.readAllLines(out.resolve("history.csv"));
    assertEquals("iteration,loss,epoch,train_accuracy,test_accuracy", csv.get(0));
    assertEquals(1202, csv.size());
    assertTrue(csv.get(1201).startsWith("1201,") && csv.get(1201).split(",").length == 5, csv.get(1201));
    assertEquals(List.of("W1", "b1", "W2", "b2"), List.copyOf(Npz.load(out.resolve("model.npz")).keySet()));

    CliRun eval = CliRun.of("eval", "--data", data, "--model", out.resolve("model.npz").toString(), "--json");
    assertEquals(0, eval.exitCode(), eval.err());
    Matcher e = Pattern.compile("\"test_accuracy\": ([0-9.]+)").matcher(eval.out());
    assertTrue(e.find(), eval.out());
    assertTrue(Double.parseDouble(e.group(1)) > 0.85, eval.out());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"relu", "tanh", "leaky_relu"})
  void evalScoresAModelWithTheActivationItWasTrainedWith(String activation) throws Exception {
    String data = TestData.mnistDir().toString();
    CliRun train = CliRun.of("train", "--data", data, "--iters", "600", "--activation", activation,
        "--out", out.toString(), "--json");
    assertEquals(0, train.exitCode(), train.err());
    // 600 iterations: the only epoch evaluation is at the first; the saved model is scored at the end.
    double trained = number(train.out(), "model_test_accuracy");
    assertTrue(trained > 0.8, activation + " learns: test accuracy " + trained + " after 600 iterations");
    CliRun eval = CliRun.of("eval", "--data", data, "--model", out.resolve("model.npz").toString(), "--json");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(trained, number(eval.out(), "test_accuracy"), 1e-12, eval.out());
    assertTrue(eval.out().contains("\"activation\": \"" + activation + "\""), eval.out());

    // The same arrays without the description, as NumPy would save them: eval says what it assumes.
    Path bare = out.resolve("bare.npz");
    Npz.save(bare, Npz.load(out.resolve("model.npz")));
    CliRun assumed = CliRun.of("eval", "--data", data, "--model", bare.toString(), "--activation", activation);
    assertEquals(0, assumed.exitCode(), assumed.err());
    assertTrue(assumed.err().contains("does not record its activation") && assumed.err().contains("assuming " + activation),
        assumed.err());
    assertTrue(assumed.out().contains(String.format(java.util.Locale.ROOT, "test accuracy %.4f", trained)), assumed.out());
  }

  @Test
  void aBadActivationIsOneClearLineNamingTheFlag() {
    CliRun eval = CliRun.of("eval", "--model", "x.npz", "--activation", "swish");
    assertEquals(2, eval.exitCode(), eval.err());
    String err = eval.err().toLowerCase(java.util.Locale.ROOT);
    assertTrue(err.contains("--activation") && err.contains("swish"), eval.err());
    for (io.nabla.model.Activation a : io.nabla.model.Activation.values()) {
      assertTrue(err.contains(a.label()), "the choices include " + a + ": " + eval.err());
    }
    assertTrue(!eval.err().contains("Exception") && !eval.err().contains("No enum constant"), eval.err());
  }

  @Test
  void evalOfAModelWithNaNWeightsIsOneLineNamingTheParameterNotAnAccuracy() throws Exception {
    io.nabla.model.TwoLayerNet net = io.nabla.model.TwoLayerNet.builder(784, 50, 10)
        .backend(io.nabla.backend.Backends.get("pure")).build();
    io.nabla.tensor.Tensor w2 = net.parametersByName().get("W2").value();
    for (int i = 0; i < w2.size(); i++) {
      w2.setFlat(i, Double.NaN);
    }
    Path model = out.resolve("nan.npz");
    io.nabla.model.ModelFile.save(model, net);
    CliRun run = CliRun.of("eval", "--model", model.toString(), "--data", TestData.mnistDir().toString());
    assertEquals(1, run.exitCode(), run.err());
    assertEquals("nabla eval: " + model + ": parameter W2 [50, 10] has 500 values that are not finite (NaN or"
        + " infinite) of 500: the model cannot be scored", run.err().strip());
    assertTrue(!run.out().contains("accuracy"), run.out());
  }

  @Test
  void aShuffledBatchLargerThanTheTrainingSetIsOneLineNamingTheFlagsAndSizes() {
    CliRun run = CliRun.of("train", "--data", TestData.mnistDir().toString(), "--shuffle", "--batch", "70000",
        "--iters", "1", "--out", out.resolve("big-batch").toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("--batch 70000") && run.err().contains("--shuffle")
        && run.err().contains("60000"), run.err());
    assertTrue(!run.err().contains("Exception") && run.out().isEmpty(), run.err() + run.out());
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([0-9.E-]+)").matcher(json);
    assertTrue(m.find(), json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void gradcheckShowsBackpropAgreesWithTheNumericalGradient() {
    CliRun run = CliRun.of("gradcheck", "--data", TestData.mnistDir().toString(), "--dtype", "float64", "--json");
    assertEquals(0, run.exitCode(), run.err());
    for (String key : new String[] {"W1", "b1", "W2", "b2"}) {
      Matcher m = Pattern.compile("\"" + key + "\": ([0-9.E-]+)").matcher(run.out());
      assertTrue(m.find(), run.out());
      assertTrue(Double.parseDouble(m.group(1)) < 1e-6, key + " " + m.group(1));
    }
  }

  /** Any net the command line builds (another size and activation) or saved, checked the same way. */
  @Test
  void gradcheckChecksAnyNetTheCommandLineBuildsOrLoads() {
    String data = TestData.mnistDir().toString();
    CliRun built = CliRun.of("gradcheck", "--data", data, "--dtype", "float64", "--hidden", "7",
        "--activation", "tanh", "--seed", "3", "--rows", "2");
    assertEquals(0, built.exitCode(), built.err());
    assertTrue(built.out().startsWith("TwoLayerNet(784, 7, 10) tanh, 2 rows, float64 on "), built.out());
    CliRun train = CliRun.of("train", "--data", data, "--iters", "5", "--hidden", "6", "--activation", "leaky_relu",
        "--out", out.toString());
    assertEquals(0, train.exitCode(), train.err());
    CliRun saved = CliRun.of("gradcheck", "--data", data, "--dtype", "float64", "--rows", "2", "--json",
        "--model", out.resolve("model.npz").toString());
    assertEquals(0, saved.exitCode(), saved.err());
    for (String key : new String[] {"W1", "b1", "W2", "b2"}) {
      assertTrue(number(saved.out(), key) < 1e-6, key + " in " + saved.out());
    }
  }

  /** Dropout, batch normalization and weight decay: the backprop side runs with the numerical side's masks. */
  @Test
  void gradcheckOfANetWithDropoutBatchNormAndWeightDecayAgrees() {
    String data = TestData.mnistDir().toString();
    CliRun run = CliRun.of("gradcheck", "--data", data, "--dtype", "float64", "--rows", "3", "--json", "--net",
        "affine(20) tanh batchnorm dropout(0.5) affine(10)", "--weight-decay", "0.1", "--init", "xavier");
    assertEquals(0, run.exitCode(), run.err());
    // Central differences' own error here is ~1e-7 (three rows of batch statistics curve sharply); the
    // backprop side with other dropout masks than the numerical side's differed by 3e-4 and more.
    for (String key : new String[] {"W1", "b1", "gamma2", "beta2", "W3", "b3"}) {
      assertTrue(number(run.out(), key) < 1e-6, key + " in " + run.out());
    }
  }

  @Test
  void aNetGivenAsTextTrainsAndItsSavedModelScoresLoadsAndChecksWithoutItsCode() throws Exception {
    String data = TestData.mnistDir().toString();
    String net = "affine(64) relu residual(affine(64) relu) affine(10)";
    CliRun train = CliRun.of("train", "--data", data, "--net", net, "--iters", "600", "--lr", "0.05",
        "--out", out.toString(), "--json");
    assertEquals(0, train.exitCode(), train.err());
    double trained = number(train.out(), "model_test_accuracy");
    assertTrue(trained > 0.85, "600 steps of a residual net on MNIST: " + train.out());
    String model = out.resolve("model.npz").toString();
    CliRun eval = CliRun.of("eval", "--data", data, "--model", model);
    assertEquals(0, eval.exitCode(), eval.err());
    assertTrue(eval.out().startsWith(model + String.format(java.util.Locale.ROOT, ": test accuracy %.4f on 10000 samples"
        + " (net %s)", trained, net)), eval.out());
    CliRun info = CliRun.of("info", "--model", model);
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().startsWith(model + ": net " + net + " on [784], float32"), info.out());
    assertTrue(info.out().contains("sgd"), "the training record: " + info.out());
    CliRun check = CliRun.of("gradcheck", "--data", data, "--dtype", "float64", "--rows", "2", "--model", model,
        "--json");
    assertEquals(0, check.exitCode(), check.err());
    for (String key : new String[] {"W1", "b1", "W2", "b2", "W3", "b3"}) {
      assertTrue(number(check.out(), key) < 1e-6, key + " in " + check.out());
    }
  }

  @Test
  void theBooksSimpleConvNetTrainsWithItsOwnOptimizerAndItsModelScoresAndLoads() throws Exception {
    String data = TestData.mnistDir().toString();
    CliRun train = CliRun.of("train", "--data", data, "--net", "simple-conv", "--iters", "60", "--out", out.toString(),
        "--json");
    assertEquals(0, train.exitCode(), train.err());
    double trained = number(train.out(), "model_test_accuracy");
    assertTrue(trained > 0.7, "60 Adam steps of SimpleConvNet on MNIST: " + train.out());
    String model = out.resolve("model.npz").toString();
    CliRun info = CliRun.of("info", "--model", model);
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().startsWith(model + ": net conv(30,5) relu maxpool(2) affine(100) relu affine(10) on [1, 28, 28],"
        + " float32"), info.out());
    assertTrue(info.out().contains("trained with adam (learning rate 0.001"), info.out());
    CliRun eval = CliRun.of("eval", "--data", data, "--model", model);
    assertEquals(0, eval.exitCode(), eval.err());
    assertTrue(eval.out().startsWith(model + String.format(java.util.Locale.ROOT, ": test accuracy %.4f", trained)),
        eval.out());
    assertTrue(info.out().contains(", initial weights normal(0.01)"), info.out());
    CliRun sgd = CliRun.of("train", "--data", data, "--net", "simple-conv", "--optimizer", "sgd", "--init", "he",
        "--iters", "1", "--out", out.resolve("sgd").toString());
    assertEquals(0, sgd.exitCode(), sgd.err());
    assertTrue(sgd.out().contains("lr 0.001, sgd"), "the preset's rate, the optimizer given: " + sgd.out());
    CliRun heInfo = CliRun.of("info", "--model", out.resolve("sgd").resolve("model.npz").toString(), "--json");
    assertEquals(0, heInfo.exitCode(), heInfo.err());
    assertTrue(heInfo.out().contains("\"weight_init\": \"he\""), heInfo.out());
    CliRun badInit = CliRun.of("train", "--data", data, "--init", "kaiming", "--iters", "1", "--out", out.toString());
    assertEquals(2, badInit.exitCode(), badInit.out());
    assertTrue(badInit.err().contains("--init: weight init 'kaiming': expected he, xavier, normal or normal(STD)"),
        badInit.err());
  }

  @Test
  void aNetWithDropoutTrainsWithWeightDecayAndTheModelRecordsIt() throws Exception {
    String data = TestData.mnistDir().toString();
    CliRun train = CliRun.of("train", "--data", data, "--net", "affine(50) relu dropout(0.5) affine(10)",
        "--weight-decay", "0.001", "--optimizer", "adam", "--lr", "0.01", "--iters", "100", "--out", out.toString(),
        "--json");
    assertEquals(0, train.exitCode(), train.err());
    assertTrue(number(train.out(), "model_test_accuracy") > 0.8, "100 Adam steps with dropout: " + train.out());
    String model = out.resolve("model.npz").toString();
    CliRun info = CliRun.of("info", "--model", model);
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().startsWith(model + ": net affine(50) relu dropout(0.5) affine(10) on [784]"), info.out());
    assertTrue(info.out().contains(", weight decay 0.001"), info.out());
    CliRun json = CliRun.of("info", "--model", model, "--json");
    assertTrue(json.out().contains("\"weight_decay\": 0.001"), json.out());
    CliRun bad = CliRun.of("train", "--data", data, "--weight-decay", "-1", "--iters", "1", "--out", out.toString());
    assertEquals(2, bad.exitCode(), bad.out());
    assertTrue(bad.err().contains("--weight-decay must be a finite number >= 0, got -1.0"), bad.err());
  }

  @Test
  void aNetWithBatchNormScoresTheSameFromItsFileAsWhenTrained() throws Exception {
    String data = TestData.mnistDir().toString();
    CliRun train = CliRun.of("train", "--data", data, "--net", "conv(4,5) batchnorm relu maxpool(2) affine(10)",
        "--optimizer", "adam", "--lr", "0.01", "--iters", "60", "--out", out.toString(), "--json");
    assertEquals(0, train.exitCode(), train.err());
    double trained = number(train.out(), "model_test_accuracy");
    assertTrue(trained > 0.8, "60 Adam steps with batch normalization: " + train.out());
    String model = out.resolve("model.npz").toString();
    CliRun eval = CliRun.of("eval", "--data", data, "--model", model);
    assertEquals(0, eval.exitCode(), eval.err());
    // The running statistics travel in the file: without them the loaded net would score otherwise.
    assertTrue(eval.out().startsWith(model + String.format(java.util.Locale.ROOT, ": test accuracy %.4f", trained)),
        eval.out());
  }

  @Test
  void epochsCountTheTrainingRowsOverTheBatchAndExcludeIters() throws Exception {
    String data = TestData.mnistDir().toString();
    CliRun one = CliRun.of("train", "--data", data, "--epochs", "1", "--batch", "200", "--out", out.toString(), "--json");
    assertEquals(0, one.exitCode(), one.err());
    assertEquals(300, (int) number(one.out(), "iterations"), "60000 rows / 200 per batch: " + one.out());
    CliRun both = CliRun.of("train", "--data", data, "--epochs", "1", "--iters", "5", "--out", out.toString());
    assertEquals(2, both.exitCode(), both.out());
    assertTrue(both.err().contains("--epochs and --iters both say how long to train; give one"), both.err());
  }

  @Test
  void aBadNetTextOrOneWithTheOptionsItReplacesIsRefusedInOneLine() {
    String data = TestData.mnistDir().toString();
    CliRun typo = CliRun.of("train", "--data", data, "--net", "affine(64) rleu affine(10)", "--iters", "1",
        "--out", out.toString());
    assertEquals(2, typo.exitCode(), typo.out());
    assertTrue(typo.err().startsWith("nabla: --net: net 'affine(64) rleu affine(10)': expected a layer"),
        typo.err());
    CliRun classes = CliRun.of("gradcheck", "--data", data, "--net", "affine(64) relu affine(3)");
    assertEquals(2, classes.exitCode(), classes.out());
    assertTrue(classes.err().contains("--net: its last layer gives scores of shape [3]; MNIST has 10 classes, so it"
        + " must give [10]"), classes.err());
    CliRun unknown = CliRun.of("train", "--data", data, "--net", "simpleconv", "--iters", "1", "--out", out.toString());
    assertEquals(2, unknown.exitCode(), unknown.out());
    assertTrue(unknown.err().contains("(the book's nets by name: simple-conv, deep-conv)"), unknown.err());
    CliRun vector = CliRun.of("train", "--data", data, "--net", "affine(10) conv(3,3) affine(10)", "--iters", "1",
        "--out", out.toString());
    assertEquals(2, vector.exitCode(), vector.out());
    assertTrue(vector.err().contains("--net: conv(3,3) takes images [channels, height, width], not [10]"),
        vector.err());
    CliRun both = CliRun.of("train", "--data", data, "--net", "affine(10)", "--hidden", "20", "--iters", "1",
        "--out", out.toString());
    assertEquals(2, both.exitCode(), both.out());
    assertTrue(both.err().contains("--net gives the whole net; leave out --hidden"), both.err());
  }

  @Test
  void aDivergingRunStopsNamingTheIterationAndKeepsTheLastGoodCheckpoint() throws Exception {
    CliRun run = CliRun.of("train", "--data", TestData.mnistDir().toString(), "--lr", "1e300",
        "--iters", "50", "--batch", "1000", "--out", out.toString());
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.err().startsWith("nabla train: the loss became "), run.err());
    assertTrue(run.err().contains(": training diverged; try a smaller learning rate"), run.err());
    assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
    if (run.err().contains("the parameters of the last finished epoch")) {
      var saved = Npz.load(out.resolve("model.npz"));
      for (var t : saved.values()) {
        assertTrue(Double.isFinite(t.abs().max()), "the checkpoint holds finite parameters");
      }
    } else {
      assertTrue(run.err().contains("no epoch finished, so no checkpoint was written"), run.err());
    }
  }

  @Test
  void aLossFarBeyondItsStartStopsTheRunUnlessTheCheckIsOff() throws Exception {
    String data = TestData.mnistDir().toString();
    // lr 1e6: the loss leaps from about 2.3 to hundreds of thousands and stays finite.
    CliRun run = CliRun.of("train", "--data", data, "--lr", "1e6", "--iters", "200", "--out", out.toString());
    assertEquals(1, run.exitCode(), run.out());
    assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
    assertTrue(run.err().matches("(?s)nabla train: the loss became [0-9.E]+ at iteration 50, above 100x its"
        + " starting 2\\.[0-9]+ for 50 iterations in a row: training diverged; try a smaller learning rate"
        + " than --lr 1000000\\.0; the parameters of the last finished epoch \\(epoch 0, .*\\) are in .*model\\.npz\\s*"), run.err());
    CliRun unchecked = CliRun.of("train", "--data", data, "--lr", "1e6", "--iters", "200", "--no-divergence-check",
        "--out", out.resolve("unchecked").toString(), "--json");
    assertEquals(0, unchecked.exitCode(), unchecked.err());
  }

  @Test
  void missingDataIsOneClearLine() {
    CliRun run = CliRun.of("eval", "--model", "x.npz", "--data", out.resolve("none").toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("nabla eval: "), run.err());
  }
}
