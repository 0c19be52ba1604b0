package io.nabla.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Finds the directory that holds a dataset's four files: the one given, else the environment
 * variable ({@code MNIST_DIR}, or {@code FASHION_MNIST_DIR} and then Debian's
 * {@code /usr/share/datasets/fashion-mnist}), else the per-user cache ({@code
 * $XDG_CACHE_HOME/nabla/NAME} or {@code ~/.cache/nabla/NAME}); for MNIST, files still missing are
 * then downloaded into the cache. When all of that fails the message names the four files and
 * every way to provide them.
 */
public final class MnistLocator {

  /** The datasets this locator knows. */
  public enum Dataset {
    /** Handwritten digits. */
    MNIST("MNIST_DIR", null),
    /** Zalando's clothing images in MNIST's format; Debian's package dataset-fashion-mnist. */
    FASHION("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist");

    private final String environment;
    private final String systemDir;

    Dataset(String environment, String systemDir) {
      this.environment = environment;
      this.systemDir = systemDir;
    }

    /** The {@link #label()}, as the command line lists the choices. */
    @Override
    public String toString() {
      return label();
    }

    /** The environment variable that may name the directory. */
    public String environment() {
      return environment;
    }

    /** The lower-case name, as the command line spells it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MnistDownloader downloader;
  private final UnaryOperator<String> environment;
  private final Path cacheBase;

  /** A locator that downloads MNIST with {@code downloader} when nothing else has it. */
  public MnistLocator(MnistDownloader downloader) {
    this(downloader, System::getenv, defaultCacheBase());
  }

  /** A locator with its own view of the environment and cache: for tests. */
  MnistLocator(MnistDownloader downloader, UnaryOperator<String> environment, Path cacheBase) {
    this.downloader = downloader;
    this.environment = environment;
    this.cacheBase = cacheBase;
  }

  /**
   * The directory to load from.
   *
   * @param explicit a directory the user named, or null
   * @throws IOException with the full explanation when the files cannot be found or fetched
   */
  public Path locate(Dataset dataset, Path explicit, DownloadProgress progress) throws IOException {
    if (explicit != null) {
      requireComplete(explicit, "--data " + explicit);
      return explicit;
    }
    String fromEnvironment = environment.apply(dataset.environment);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      Path dir = Paths.get(fromEnvironment);
      requireComplete(dir, dataset.environment + "=" + fromEnvironment);
      return dir;
    }
    if (dataset.systemDir != null && isComplete(Paths.get(dataset.systemDir))) {
      return Paths.get(dataset.systemDir);
    }
    Path cache = cacheBase.resolve(dataset.label());
    if (isComplete(cache)) {
      return cache;
    }
    if (dataset != Dataset.MNIST) {
      throw new IOException(notFound(dataset, cache, "Fashion-MNIST is not downloaded by Nabla;"
          + " on Debian or Ubuntu 'apt-get install dataset-fashion-mnist' installs it in "
          + dataset.systemDir));
    }
    try {
      downloader.downloadMissing(cache, progress);
    } catch (IOException e) {
      throw new IOException(notFound(dataset, cache, "the download failed: " + e.getMessage()), e);
    }
    requireComplete(cache, "the download into " + cache);
    return cache;
  }

  /** The per-user cache directory of a dataset. */
  public static Path cacheDir(Dataset dataset) {
    return defaultCacheBase().resolve(dataset.label());
  }

  private static Path defaultCacheBase() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
    return base.resolve("nabla");
  }

  /** Whether {@code dir} holds all four IDX files (plain or gzipped). */
  public static boolean isComplete(Path dir) {
    return Files.isDirectory(dir)
        && MnistFiles.ALL.stream().allMatch(name -> MnistLoader.find(dir, name) != null);
  }

  private static void requireComplete(Path dir, String source) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(source + ": no such directory");
    }
    for (String name : MnistFiles.ALL) {
      if (MnistLoader.find(dir, name) == null) {
        throw new IOException(source + ": " + name + " (or " + name + ".gz) is missing from " + dir);
      }
    }
  }

  private static String notFound(Dataset dataset, Path cache, String why) {
    return dataset.label() + " data not found: " + why + ". Nabla needs the four files "
        + String.join(", ", MnistFiles.ALL) + " (each may be gzipped, .gz). Provide them with"
        + " --data DIR, or " + dataset.environment + "=DIR, or copy them into " + cache + ".";
  }
}
