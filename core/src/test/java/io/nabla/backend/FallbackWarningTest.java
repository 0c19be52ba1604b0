package io.nabla.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.testing.ReferenceBackend;
import io.nabla.testing.UnavailableBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warning that a faster backend was skipped reaches a user who set up no logging at all, once,
 * on standard error: checked in a child JVM started the way a small program runs, {@code java -cp}
 * with core's test class path (where the highest-priority backend is unavailable) and no logging
 * configuration or binding.
 */
class FallbackWarningTest {

  @TempDir Path dir;

  @Test
  void withNoLoggingSetUpTheWarningIsPrintedOnceOnStandardError() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    // English level names: java.util.logging translates them (WARNUNG, AVERTISSEMENT) by locale.
    Process child = new ProcessBuilder(java, "-Duser.language=en", "-cp", classPath,
            ChooseDefaultBackendTwice.class.getName())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly();
        child.waitFor();
      }
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), stderr);
    assertEquals(List.of("backend " + ReferenceBackend.NAME, "still " + ReferenceBackend.NAME),
        Files.readAllLines(out, StandardCharsets.UTF_8));
    List<String> warnings = stderr.lines().filter(line -> line.contains("Nabla is using backend")).toList();
    assertEquals(1, warnings.size(), "one warning, however often the default is asked for; stderr:\n" + stderr);
    String warning = warnings.get(0);
    assertTrue(warning.startsWith("WARNING: "), "printed at WARNING by the JDK's default logging: " + warning);
    assertTrue(warning.contains("'" + ReferenceBackend.NAME + "'"), warning);
    assertTrue(warning.contains("'" + UnavailableBackend.NAME + "' (" + UnavailableBackend.REASON + ")"),
        "names the skipped backend and why: " + warning);
  }
}
