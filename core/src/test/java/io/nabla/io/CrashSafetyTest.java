package io.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL while writing a checkpoint leaves the previous complete checkpoint
 * in place: the file always loads, and all of its elements come from one version.
 */
class CrashSafetyTest {

  @TempDir Path dir;

  @Test
  void killMinus9MidWriteLeavesTheLastCompleteCheckpoint() throws Exception {
    Path file = dir.resolve("model.npz");
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (int round = 0; round < 3; round++) {
      Process child = new ProcessBuilder(java, "-cp", classPath, CheckpointWriter.class.getName(),
          file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      int written;
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        // Let it finish a few versions, then kill it while it writes the next (8 MB each).
        String line = null;
        for (int i = 0; i < 3 + round; i++) {
          line = out.readLine();
        }
        written = Integer.parseInt(line.trim());
        child.destroyForcibly();
        child.waitFor();
      }
      Map<String, Tensor> saved = Npz.load(file);
      Tensor w = saved.get("W");
      double version = w.getFlat(0);
      assertTrue(version >= written, "version " + version + " after " + written + " finished");
      assertEquals(version, w.max(), 0.0);
      assertEquals(version, -w.neg().max(), 0.0, "every element is from one version");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> left = files.filter(p -> !p.equals(file)).toList();
      // A kill can leave the writer's temporary file; never a half-written model.npz.
      assertTrue(left.stream().allMatch(p -> p.getFileName().toString().endsWith(".tmp")), left.toString());
    }
  }
}
