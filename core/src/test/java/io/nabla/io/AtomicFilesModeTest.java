package io.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An atomic write leaves the file with the mode an ordinary write of a new file gets under the
 * user's umask (rw-r--r-- under 0022), not the private mode of a temporary file, so that another
 * account can read a model or a plot. Each umask is set in a child JVM started through the shell.
 */
class AtomicFilesModeTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "umask {0}")
  @CsvSource({"0022, rw-r--r--", "0077, rw-------", "0002, rw-rw-r--"})
  void theWrittenFileHasTheModeOfAnOrdinaryWrite(String umask, String expected) throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX file modes here");
    Path file = dir.resolve("model-" + umask + ".npz");
    Path plain = dir.resolve("plain-" + umask + ".txt");
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child = new ProcessBuilder("sh", "-c", "umask " + umask + " && : > \"$1\" && exec \"$2\" -cp \"$3\" "
        + AtomicWriteOnce.class.getName() + " \"$4\"", "sh", plain.toString(), java, classPath, file.toString())
        .redirectErrorStream(true).start();
    try {
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, child.exitValue(), output);
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly();
        child.waitFor();
      }
    }
    assertEquals("ok", Files.readString(file));
    assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
        "the shell's own new file, for reference");
    assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var left = Files.list(dir)) {
      assertEquals(0, left.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "a temporary file was left");
    }
  }
}
