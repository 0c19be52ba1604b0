package io.nabla.data;

import io.nabla.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Downloads the MNIST files into a directory, from the first mirror that serves each one. A file
 * is written to a temporary name beside its destination, its decompressed content checked
 * against {@link MnistFiles#sha256}, and only then renamed into place: a failed, partial or
 * corrupt download leaves nothing behind.
 */
public final class MnistDownloader {

  /** Public mirrors of the original files, tried in order. */
  public static final List<URI> DEFAULT_MIRRORS = List.of(
      URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
      URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));

  private final List<URI> mirrors;
  private final HttpClient client;

  /** A downloader using the given mirrors (each a directory URI ending in {@code /}). */
  public MnistDownloader(List<URI> mirrors) {
    this.mirrors = List.copyOf(mirrors);
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /**
   * Downloads each of the four files that {@code dir} does not hold yet.
   *
   * @throws IOException listing, per missing file, what each mirror answered
   */
  public void downloadMissing(Path dir, DownloadProgress progress) throws IOException {
    Files.createDirectories(dir);
    for (String name : MnistFiles.ALL) {
      if (MnistLoader.find(dir, name) == null) {
        download(dir, name, progress);
      }
    }
  }

  private void download(Path dir, String name, DownloadProgress progress) throws IOException {
    List<String> failures = new ArrayList<>();
    for (URI mirror : mirrors) {
      URI source = mirror.resolve(name + ".gz");
      Path partial = AtomicFiles.newSibling(dir.resolve(name + ".gz"), ".part");
      try {
        fetch(source, partial, name, progress);
        verify(partial, name);
        Files.move(partial, dir.resolve(name + ".gz"), StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (IOException e) {
        failures.add(source + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("download of " + name + " interrupted", e);
      } finally {
        Files.deleteIfExists(partial);
      }
    }
    throw new IOException("could not download " + name + ".gz: " + String.join("; ", failures));
  }

  private void fetch(URI source, Path target, String name, DownloadProgress progress)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(5)).build();
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(target)) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      byte[] buffer = new byte[1 << 16];
      long done = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        done += n;
        progress.update(name, done, total);
      }
      if (total >= 0 && done != total) {
        throw new IOException("connection closed after " + done + " of " + total + " bytes");
      }
    }
  }

  /** Checks the SHA-256 of the decompressed file. */
  static void verify(Path gz, String name) throws IOException {
    String actual;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      actual = Sha256.hex(in);
    } catch (IOException e) {
      throw new IOException("not a valid gzip file (" + e.getMessage() + ")", e);
    }
    if (!actual.equals(MnistFiles.sha256(name))) {
      throw new IOException("SHA-256 of the content is " + actual + ", expected "
          + MnistFiles.sha256(name));
    }
  }
}
