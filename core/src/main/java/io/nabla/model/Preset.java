package io.nabla.model;

import io.nabla.optimizer.OptimizerKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The book's nets by name, with the way the book trains them: what {@code nabla train --net
 * simple-conv} builds. A preset is an {@link Architecture}, and the initial weights, optimizer and
 * learning rate its chapter uses; options given beside it override those.
 */
public enum Preset {

  /**
   * The book's SimpleConvNet (chapter 7): a convolution of 30 filters 5x5, ReLU, 2x2 max pooling,
   * affine 100, ReLU, affine 10; Adam at 0.001.
   */
  SIMPLE_CONV("simple-conv", "conv(30,5) relu maxpool(2) affine(100) relu affine(10)", WeightInit.CHAPTER,
      OptimizerKind.ADAM, 0.001),

  /**
   * The book's DeepConvNet (chapter 8): six 3x3 convolutions of 16, 16, 32, 32, 64 and 64 filters
   * with ReLU (padding 1, the fourth's 2, as the book's), 2x2 max pooling after every second one,
   * affine 50, ReLU, dropout 0.5, affine 10, dropout 0.5; He initialization, Adam at 0.001.
   */
  DEEP_CONV("deep-conv", "conv(16,3,1,1) relu conv(16,3,1,1) relu maxpool(2)"
      + " conv(32,3,1,1) relu conv(32,3,1,2) relu maxpool(2)"
      + " conv(64,3,1,1) relu conv(64,3,1,1) relu maxpool(2)"
      + " affine(50) relu dropout(0.5) affine(10) dropout(0.5)", WeightInit.he(), OptimizerKind.ADAM, 0.001);

  private final String label;
  private final Architecture architecture;
  private final WeightInit weightInit;
  private final OptimizerKind optimizer;
  private final double learningRate;

  Preset(String label, String architecture, WeightInit weightInit, OptimizerKind optimizer, double learningRate) {
    this.label = label;
    this.architecture = Architecture.parse(architecture);
    this.weightInit = weightInit;
    this.optimizer = optimizer;
    this.learningRate = learningRate;
  }

  /** The name the command line takes, e.g. {@code simple-conv}. */
  public String label() {
    return label;
  }

  /** The net's layers. */
  public Architecture architecture() {
    return architecture;
  }

  /** How the book draws its initial weights (SimpleConvNet: the chapter's 0.01 * N(0, 1)). */
  public WeightInit weightInit() {
    return weightInit;
  }

  /** The optimizer the book trains it with. */
  public OptimizerKind optimizer() {
    return optimizer;
  }

  /** The learning rate the book trains it with. */
  public double learningRate() {
    return learningRate;
  }

  /** The preset called {@code name} (case-insensitive), if there is one. */
  public static Optional<Preset> named(String name) {
    return Arrays.stream(values()).filter(p -> p.label.equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
  }

  /** The presets' names, for messages: {@code simple-conv, deep-conv}. */
  public static String labels() {
    return Arrays.stream(values()).map(Preset::label).collect(Collectors.joining(", "));
  }
}
