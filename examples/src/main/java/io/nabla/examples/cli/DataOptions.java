package io.nabla.examples.cli;

import io.nabla.data.DownloadProgress;
import io.nabla.data.MnistData;
import io.nabla.data.MnistDownloader;
import io.nabla.data.MnistLoader;
import io.nabla.data.MnistLocator;
import io.nabla.data.MnistLocator.Dataset;
import io.nabla.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Which dataset, from where. */
final class DataOptions {

  @Option(names = "--data", paramLabel = "DIR",
      description = "Directory with the four IDX files (default: MNIST_DIR, else the per-user cache, else download).")
  Path data;

  @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist",
      description = "mnist or fashion (default: ${DEFAULT-VALUE}).")
  String dataset;

  /** Finds and loads the data, normalized and flattened, as the chapter's loop uses it. */
  MnistData load(DType dtype, DownloadProgress progress) throws IOException {
    Dataset which;
    try {
      which = Dataset.valueOf(dataset.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown dataset '" + dataset + "'; expected mnist or fashion");
    }
    Path dir = new MnistLocator(new MnistDownloader(MnistDownloader.DEFAULT_MIRRORS))
        .locate(which, data, progress);
    return MnistLoader.load(dir, true, true, dtype);
  }
}
