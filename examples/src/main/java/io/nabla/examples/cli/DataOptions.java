package io.nabla.examples.cli;

import io.nabla.backend.Backend;
import io.nabla.data.DownloadProgress;
import io.nabla.data.MnistData;
import io.nabla.data.MnistDownloader;
import io.nabla.data.MnistLoader;
import io.nabla.data.MnistLocator;
import io.nabla.data.MnistLocator.Dataset;
import io.nabla.backend.DType;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which dataset, from where. */
final class DataOptions {

  @Option(names = "--data", paramLabel = "DIR",
      description = "Directory with the four IDX files (default: MNIST_DIR, else the per-user cache, else download).")
  Path data;

  @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Dataset dataset;

  /** Finds and loads the data onto {@code backend}, normalized and flattened, as the chapter's loop uses it. */
  MnistData load(Backend backend, DType dtype, DownloadProgress progress) throws IOException {
    return loadFrom(locate(progress), backend, dtype);
  }

  /** Loads the data in {@code dir} as {@link #load} does, for a caller that needs the directory too. */
  static MnistData loadFrom(Path dir, Backend backend, DType dtype) throws IOException {
    return MnistLoader.load(dir, true, true, dtype, backend);
  }

  /** The directory with the four files: {@code --data}, else MNIST_DIR, else the cache (downloading). */
  Path locate(DownloadProgress progress) throws IOException {
    return new MnistLocator(new MnistDownloader(MnistDownloader.DEFAULT_MIRRORS)).locate(dataset, data, progress);
  }
}
