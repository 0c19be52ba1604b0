package io.nabla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.nabla.testing.TestData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a mirror served on the loopback address: verified, atomic, clean on failure. */
class MnistDownloaderTest {

  @TempDir Path cache;
  private HttpServer server;

  /** Serves {@code source}'s files at /good/ and garbage at /bad/, on 127.0.0.1 only. */
  private URI serve(Path source) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/good/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring("/good/".length());
      Path file = source.resolve(name);
      if (!Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/bad/", exchange -> {
      byte[] body = new byte[1000];
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void downloadsVerifiesAndFallsBackToTheNextMirror() throws Exception {
    URI base = serve(TestData.mnistDir());
    AtomicLong progressCalls = new AtomicLong();
    new MnistDownloader(List.of(base.resolve("bad/"), base.resolve("good/")))
        .downloadMissing(cache, (file, done, total) -> progressCalls.incrementAndGet());
    // The mode of an ordinary new file under this JVM's umask, not a temporary file's private one.
    Path reference = Files.createTempDirectory("nabla-mode").resolve("plain");
    Files.createFile(reference);
    for (String name : MnistFiles.ALL) {
      assertTrue(Files.isRegularFile(cache.resolve(name + ".gz")), name);
      if (cache.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(cache.resolve(name + ".gz")), name);
      }
    }
    Files.delete(reference);
    Files.delete(reference.getParent());
    assertTrue(progressCalls.get() > 4);
    try (Stream<Path> files = Files.list(cache)) {
      assertEquals(4, files.count(), "no partial files are left");
    }
  }

  @Test
  void aCorruptOrMissingDownloadLeavesNothingBehindAndSaysWhy() throws Exception {
    URI base = serve(TestData.mnistDir());
    IOException e = assertThrows(IOException.class,
        () -> new MnistDownloader(List.of(base.resolve("bad/"), base.resolve("missing/")))
            .downloadMissing(cache, DownloadProgress.SILENT));
    assertTrue(e.getMessage().startsWith("could not download train-images-idx3-ubyte.gz: "), e.getMessage());
    assertTrue(e.getMessage().contains("not a valid gzip file"), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    try (Stream<Path> files = Files.list(cache)) {
      assertEquals(0, files.count(), "nothing half-written is kept");
    }
  }

  @Test
  void offlineWithNothingFoundNamesTheFilesAndTheWaysToProvideThem() throws Exception {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    MnistLocator locator = new MnistLocator(
        new MnistDownloader(List.of(URI.create("http://127.0.0.1:9/"))), name -> null, cache);
    IOException e = assertThrows(IOException.class,
        () -> locator.locate(MnistLocator.Dataset.MNIST, null, DownloadProgress.SILENT));
    assertTrue(e.getMessage().startsWith("mnist data not found: the download failed: could not download"
        + " train-images-idx3-ubyte.gz"), e.getMessage());
    assertTrue(e.getMessage().endsWith("Nabla needs the four files train-images-idx3-ubyte,"
        + " train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each may be"
        + " gzipped, .gz). Provide them with --data DIR, or MNIST_DIR=DIR, or copy them into "
        + cache.resolve("mnist") + "."), e.getMessage());
    IOException explicit = assertThrows(IOException.class,
        () -> locator.locate(MnistLocator.Dataset.MNIST, cache.resolve("nowhere"), DownloadProgress.SILENT));
    assertEquals("--data " + cache.resolve("nowhere") + ": no such directory", explicit.getMessage());
    Path fromEnv = new MnistLocator(new MnistDownloader(List.of()), name -> TestData.mnistDir().toString(), cache)
        .locate(MnistLocator.Dataset.MNIST, null, DownloadProgress.SILENT);
    assertEquals(TestData.mnistDir(), fromEnv);
  }
}
