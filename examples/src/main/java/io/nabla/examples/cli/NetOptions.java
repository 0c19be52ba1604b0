package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.backend.DType;
import io.nabla.data.MnistLoader;
import io.nabla.model.Activation;
import io.nabla.model.Architecture;
import io.nabla.model.Net;
import io.nabla.model.Preset;
import io.nabla.model.TwoLayerNet;
import io.nabla.model.WeightInit;
import java.util.List;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which net to build: the chapter's TwoLayerNet with {@code --hidden} units and {@code
 * --activation}, or any net of Nabla's layers as text ({@code --net}); shared by {@code train} and
 * {@code gradcheck}, so that gradcheck checks any net train can build.
 */
final class NetOptions {

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--hidden", defaultValue = "50", description = "Hidden units (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--activation", defaultValue = "sigmoid", paramLabel = "NAME",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Activation activation;

  @Option(names = "--net", paramLabel = "LAYERS",
      description = "Any net as text, instead of --hidden and --activation: layers in order, such as"
          + " 'affine(100) relu residual(affine(100) relu) affine(10)' or 'conv(30,5) relu maxpool(2) affine(100)"
          + " relu affine(10)'. Layers: affine(N), sigmoid, relu, tanh, leaky_relu, residual(LAYERS) (x + LAYERS(x)),"
          + " conv(FILTERS,SIZE[,STRIDE,PADDING]), maxpool(SIZE[,STRIDE]), avgpool(SIZE[,STRIDE]), dropout(P) (in"
          + " training only), batchnorm or batchnorm(EPSILON) (default 1e-6, the book's); a net that starts"
          + " with conv or a pooling takes the images as [1, 28, 28]. The last layer gives the 10 class scores."
          + " Or the book's nets by name: simple-conv (chapter 7) or deep-conv (chapter 8), with the book's"
          + " optimizer, learning rate and initial weights (Adam 0.001; deep-conv He) unless --optimizer, --lr or"
          + " --init say otherwise.")
  String net;

  @Option(names = "--init", paramLabel = "RULE|FILE",
      description = "Initial weights, each from N(0, s^2): normal (the chapter's s = 0.01), normal(S), he (s = sqrt(2/n),"
          + " for ReLU nets) or xavier (s = sqrt(1/n), for sigmoid and tanh), n a layer's inputs (default: normal, or"
          + " the book's for a --net it names). Or a model file (.onnx or .npz) to train further: its net and its"
          + " weights, instead of --net and --hidden (and --activation, unless the file does not record it, as"
          + " one NumPy saved).")
  String init;

  @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "LAMBDA",
      description = "L2 weight decay (the book's chapter 6): the loss adds LAMBDA/2 times the sum of the weights'"
          + " squares, biases excepted (default: ${DEFAULT-VALUE}, none).")
  double weightDecay;

  /**
   * The weight decay's lambda.
   *
   * @throws CommandLine.ParameterException naming --weight-decay if it is negative or not finite
   */
  double weightDecay() {
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new CommandLine.ParameterException(command.commandLine(), "--weight-decay must be a finite number >= 0,"
          + " got " + weightDecay);
    }
    return weightDecay;
  }

  /**
   * How the initial weights are drawn: --init, else the named net's, else the chapter's.
   *
   * @throws CommandLine.ParameterException naming --init if it is not a rule
   */
  WeightInit weightInit() {
    if (initialModel().isPresent()) {
      return WeightInit.CHAPTER; // not drawn: the weights are the file's
    }
    if (init == null) {
      return preset().map(Preset::weightInit).orElse(WeightInit.CHAPTER);
    }
    try {
      return WeightInit.parse(init);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command.commandLine(), "--init: " + e.getMessage());
    }
  }

  /** The model file --init names, if it names one rather than a rule. */
  Optional<Path> initialModel() {
    return init != null && SavedModels.namesModelFile(init) ? Optional.of(Paths.get(init)) : Optional.empty();
  }

  /** The book's net --net names, if it names one. */
  Optional<Preset> preset() {
    return net == null ? Optional.empty() : Preset.named(net);
  }

  /**
   * The net for images of {@code pixels} pixels, weights seeded with {@code seed}.
   *
   * @throws CommandLine.ParameterException naming the option at fault
   */
  Net build(int pixels, DType dtype, long seed, Backend backend) throws IOException {
    if (initialModel().isPresent()) {
      return fromFile(initialModel().get(), pixels, dtype, backend);
    }
    if (net == null) {
      if (hidden < 1) {
        throw new IllegalArgumentException("--hidden must be at least 1, got " + hidden);
      }
      TwoLayerNet mlp = TwoLayerNet.builder(pixels, hidden, 10).dtype(dtype).seed(seed).activation(activation)
          .weightInit(weightInit()).backend(backend).build();
      mlp.weightDecay(weightDecay());
      return mlp;
    }
    for (String replaced : new String[] {"--hidden", "--activation"}) {
      if (command.commandLine().getParseResult().hasMatchedOption(replaced)) {
        throw new CommandLine.ParameterException(command.commandLine(),
            "--net gives the whole net; leave out " + replaced);
      }
    }
    Architecture architecture;
    List<Integer> sample;
    try {
      architecture = preset().map(Preset::architecture).orElseGet(() -> Architecture.parse(net));
      sample = architecture.takesImages() ? MnistLoader.IMAGE_SHAPE : List.of(pixels);
      List<Integer> scores = architecture.outputShape(sample);
      if (!scores.equals(List.of(10))) {
        throw new IllegalArgumentException("its last layer gives scores of shape " + scores
            + "; MNIST has 10 classes, so it must give [10]");
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command.commandLine(), "--net: " + e.getMessage()
          + (preset().isEmpty() && !net.contains("(") && !net.contains(" ") ? " (the book's nets by name: "
              + Preset.labels() + ")" : ""));
    }
    int[] shape = sample.stream().mapToInt(Integer::intValue).toArray();
    Net built = Net.builder(architecture, shape).dtype(dtype).seed(seed).weightInit(weightInit()).backend(backend)
        .build();
    built.weightDecay(weightDecay());
    return built;
  }

  /** The net of the model file --init names, to train further. */
  private Net fromFile(Path file, int pixels, DType dtype, Backend backend) throws IOException {
    for (String replaced : new String[] {"--net", "--hidden"}) {
      if (command.commandLine().getParseResult().hasMatchedOption(replaced)) {
        throw new CommandLine.ParameterException(command.commandLine(),
            "--init " + file + " gives the whole net; leave out " + replaced);
      }
    }
    SavedModels.Opened opened = SavedModels.open(file, backend, activation);
    boolean activationGiven = command.commandLine().getParseResult().hasMatchedOption("--activation");
    if (opened.recordsItsNet() && activationGiven) {
      throw new CommandLine.ParameterException(command.commandLine(), "--init " + file + " records its net; leave out"
          + " --activation");
    }
    if (!opened.recordsItsNet() && !activationGiven) {
      throw new CommandLine.ParameterException(command.commandLine(), "--init " + file + " does not record its"
          + " activation (saved by NumPy?): give it with --activation");
    }
    Net loaded = opened.net().asType(dtype);
    if (loaded.inputSize() != pixels || loaded.outputSize() != 10) {
      throw new CommandLine.ParameterException(command.commandLine(), "--init " + file + " is a net for "
          + loaded.inputSize() + " inputs and " + loaded.outputSize() + " classes (" + loaded.architecture()
          + "); the images have " + pixels + " pixels and 10 classes");
    }
    loaded.weightDecay(weightDecay());
    return loaded;
  }
}
