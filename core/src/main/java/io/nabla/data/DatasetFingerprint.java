package io.nabla.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which data a model was trained on: the data set's name and the SHA-256 of each of its files as
 * they are on disk, the digest {@code sha256sum FILE} prints, so that anyone holding the files can
 * check they are the same.
 *
 * @param name the data set, as {@code --dataset} names it: {@code mnist} or {@code fashion}
 * @param sha256 each file's name (as found, with {@code .gz} if compressed) to its hex digest
 */
public record DatasetFingerprint(String name, Map<String, String> sha256) {

  /** Keeps an unmodifiable copy of the digests, in their order. */
  public DatasetFingerprint {
    Objects.requireNonNull(name, "name");
    sha256 = Collections.unmodifiableMap(new LinkedHashMap<>(sha256));
  }

  /**
   * The fingerprint of the four MNIST-layout files in {@code dir} ({@link MnistFiles#ALL}, plain
   * or {@code .gz}, as {@link MnistLoader} finds them).
   *
   * @throws IOException naming the file that is missing or cannot be read
   */
  public static DatasetFingerprint ofMnistLayout(String name, Path dir) throws IOException {
    Map<String, String> digests = new LinkedHashMap<>();
    for (String file : MnistFiles.ALL) {
      Path path = MnistLoader.find(dir, file);
      if (path == null) {
        throw new IOException(dir + ": no " + file + " (or " + file + ".gz) to fingerprint");
      }
      digests.put(path.getFileName().toString(), sha256Of(path));
    }
    return new DatasetFingerprint(name, digests);
  }

  private static String sha256Of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Sha256.hex(in);
    } catch (IOException e) {
      throw new IOException(file + ": cannot be read to fingerprint it (" + e.getMessage() + ")", e);
    }
  }
}
