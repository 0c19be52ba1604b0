package io.nabla.examples;

import io.nabla.backend.BackendReport;
import io.nabla.backend.Backends;
import io.nabla.data.BatchSampler;
import io.nabla.gradcheck.Derivatives;
import io.nabla.gradcheck.GradientChecker;
import io.nabla.gradcheck.GradientDescent;
import io.nabla.loss.CrossEntropy;
import io.nabla.loss.MeanSquaredError;
import io.nabla.loss.Targets;
import io.nabla.model.SimpleNet;
import io.nabla.model.TwoLayerNet;
import io.nabla.optimizer.Sgd;
import io.nabla.tensor.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Walks through chapter 4 of <i>Deep Learning from Scratch</i> and prints each result: the loss
 * functions, numerical differentiation, gradients, gradient descent, simpleNet, and a
 * TwoLayerNet learning a synthetic three-class problem with SGD, on the current backend (set it
 * with {@code -Dnabla.backend=NAME} or {@code NABLA_BACKEND}).
 */
public final class ChapterTour {

  private final PrintStream out;
  /** Every value the tour prints, by section, for {@code nabla tour --json}. */
  private final Map<String, Object> results = new LinkedHashMap<>();

  /** A tour that prints to {@code out}. */
  public ChapterTour(PrintStream out) {
    this.out = out;
  }

  /** Runs the tour on standard output. */
  public static void main(String[] args) {
    new ChapterTour(System.out).run();
  }

  /** The values of the last {@link #run()}, by section: what {@code nabla tour --json} prints. */
  public Map<String, Object> results() {
    return results;
  }

  /** Prints every section of the tour. */
  public void run() {
    out.println(BackendReport.describe());
    out.println();
    out.println("Nabla chapter tour on backend '" + Backends.current().name() + "'");
    results.put("backend", Backends.current().name());
    losses();
    derivatives();
    gradientDescent();
    simpleNet();
    twoLayerNet();
  }

  private void losses() {
    section("Loss functions (10 classes, correct class 2)");
    Targets t = Targets.labels(2);
    Tensor right = Tensors.vector(DType.FLOAT64, 0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0);
    Tensor wrong = Tensors.vector(DType.FLOAT64, 0.1, 0.05, 0.1, 0, 0.05, 0.1, 0, 0.6, 0, 0);
    Map<String, Object> section = new LinkedHashMap<>();
    for (Tensor y : List.of(right, wrong)) {
      double mse = new MeanSquaredError().value(y, t);
      double crossEntropy = new CrossEntropy().value(y, t);
      int peak = y.argmax();
      out.printf(Locale.ROOT, "  y peaks at %d: MSE %.4f  cross-entropy %.4f%n", peak, mse, crossEntropy);
      section.put("y_peaks_at_" + peak, ordered("mse", mse, "cross_entropy", crossEntropy));
    }
    results.put("losses", section);
  }

  private void derivatives() {
    section("Numerical differentiation of f(x) = 0.01x^2 + 0.1x");
    DoubleUnaryOperator f = x -> 0.01 * (x * x) + 0.1 * x;
    double forward = Derivatives.forward(f, 5, 1e-50);
    double at5 = Derivatives.central(f, 5);
    double at10 = Derivatives.central(f, 10);
    out.println("  forward difference, h = 1e-50, at 5: " + forward);
    out.println("  central difference, h = 1e-4,  at 5: " + at5 + " (exact 0.2)");
    out.println("  central difference, h = 1e-4, at 10: " + at10 + " (exact 0.3)");
    var line = Derivatives.tangentLine(f, 5);
    out.printf(Locale.ROOT, "  tangent at 5: y = %.6f x %+.6f%n", line.slope(), line.intercept());
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("forward_h_1e-50_at_5", forward);
    section.put("central_at_5", at5);
    section.put("central_at_10", at10);
    section.put("tangent_at_5", ordered("slope", line.slope(), "intercept", line.intercept()));
    results.put("derivatives", section);
  }

  private void gradientDescent() {
    section("Gradient of f(x0, x1) = x0^2 + x1^2 and gradient descent from (-3, 4)");
    ToDoubleFunction<double[]> f = x -> x[0] * x[0] + x[1] * x[1];
    List<Object> gradients = new ArrayList<>();
    for (double[] at : new double[][] {{3, 4}, {0, 2}, {3, 0}}) {
      double[] gradient = Derivatives.gradient(f, at);
      out.println("  gradient at " + Arrays.toString(at) + ": " + Arrays.toString(gradient));
      gradients.add(ordered("at", at, "gradient", gradient));
    }
    List<Object> descents = new ArrayList<>();
    for (double lr : new double[] {0.1, 10, 1e-10}) {
      double[] end = GradientDescent.minimize(f, new double[] {-3, 4}, lr, 100).finalPoint();
      out.println("  lr " + lr + ", 100 steps -> " + Arrays.toString(end));
      descents.add(ordered("lr", lr, "steps", 100, "final_point", end));
    }
    results.put("gradients", gradients);
    results.put("gradient_descent", descents);
  }

  private void simpleNet() {
    section("simpleNet with the chapter's weights");
    SimpleNet net = SimpleNet.withChaptersWeight(Backends.current(), DType.FLOAT64);
    Tensor x = Tensors.vector(DType.FLOAT64, 0.6, 0.9);
    Targets t = Targets.labels(2);
    Tensor prediction = net.predict(x);
    double loss = net.loss(x, t);
    Tensor dW = GradientChecker.centralDifferences().numericalGradient(net, x, t).get(SimpleNet.WEIGHT);
    out.println("  predict " + prediction);
    out.printf(Locale.ROOT, "  loss %.6f%n", loss);
    out.println("  numerical dW " + dW);
    results.put("simple_net", ordered("predict", prediction.toDoubleArray(), "loss", loss,
        "numerical_dW", dW.toDoubleArray()));
  }

  private void twoLayerNet() {
    section("TwoLayerNet(10, 16, 3) on three Gaussian blobs: SGD, lr 0.1, batch 50");
    int rows = 900;
    SeededRandom random = new SeededRandom(1);
    Tensor centers = Tensors.randomNormal(random, 0, 1, DType.FLOAT32, 3, 10);
    Tensor x = Tensors.zeros(DType.FLOAT32, rows, 10);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 3;
      for (int c = 0; c < 10; c++) {
        x.set(centers.get(labels[r], c) + 0.8 * random.nextGaussian(), r, c);
      }
    }
    Targets t = Targets.labels(labels);
    TwoLayerNet net = TwoLayerNet.builder(10, 16, 3).seed(2).build();
    double worst = GradientChecker.centralDifferences()
        .checkModel(net, x.sliceRows(0, 5), t.select(new int[] {0, 1, 2, 3, 4})).worstRelativeError();
    out.println("  gradient check (float64): worst relative error " + String.format(Locale.ROOT, "%.2e", worst));
    List<Object> epochs = new ArrayList<>();
    Sgd sgd = new Sgd(0.1);
    BatchSampler sampler = BatchSampler.withReplacement(rows, 50, 3);
    int itersPerEpoch = Math.max(rows / 50, 1);
    for (int iter = 0; iter <= 20 * itersPerEpoch; iter++) {
      if (iter % (4 * itersPerEpoch) == 0) {
        double loss = net.loss(x, t);
        double accuracy = net.accuracy(x, t);
        out.printf(Locale.ROOT, "  epoch %2d  loss %.4f  accuracy %.3f%n", iter / itersPerEpoch, loss, accuracy);
        epochs.add(ordered("epoch", iter / itersPerEpoch, "loss", loss, "accuracy", accuracy));
      }
      int[] batch = sampler.nextBatch();
      net.gradient(x.gatherRows(batch), t.select(batch));
      sgd.step(net.parameters());
    }
    results.put("two_layer_net", ordered("gradient_check_worst_relative_error", worst, "epochs", epochs));
  }

  /** A map of key, value pairs in the order given: the JSON reads like the text. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }
}
