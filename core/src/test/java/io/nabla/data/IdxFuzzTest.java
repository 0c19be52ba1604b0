package io.nabla.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.io.Npz;
import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutations of valid IDX and NPZ files (every truncation, byte flips at random places, random
 * header values): each either reads as a well-formed array or fails with an IOException whose
 * message names the file; never another exception, an OutOfMemoryError or a hang.
 */
class IdxFuzzTest {

  @TempDir Path dir;

  private static void assertNamedFailureOrSuccess(Path file, ThrowingRead read) {
    try {
      read.run();
    } catch (IOException e) {
      assertTrue(e.getMessage().contains(file.toString()), "message must name the file: " + e.getMessage());
    } catch (RuntimeException | OutOfMemoryError e) {
      throw new AssertionError("mutated " + file + " raised " + e, e);
    }
  }

  @FunctionalInterface
  interface ThrowingRead {
    void run() throws IOException;
  }

  @Test
  void mutatedIdxFilesAreReadOrRejectedWithTheFileNamed() throws Exception {
    byte[] valid = IdxFiles.bytes(new int[] {3, 4, 5}, new byte[60]);
    SeededRandom random = new SeededRandom(7);
    int cases = 0;
    for (boolean gzip : new boolean[] {false, true}) {
      for (int length = 0; length < valid.length; length++) {
        Path file = IdxFiles.write(dir.resolve("cut" + cases++), Arrays.copyOf(valid, length), gzip);
        assertNamedFailureOrSuccess(file, () -> IdxReader.read(file, 3));
      }
      for (int i = 0; i < 400; i++) {
        byte[] mutated = valid.clone();
        // Mostly the header (the first 16 bytes), where a flip changes the meaning.
        int at = random.nextInt(4) == 0 ? random.nextInt(mutated.length) : random.nextInt(16);
        mutated[at] = (byte) random.nextInt(256);
        Path file = IdxFiles.write(dir.resolve("flip" + cases++), mutated, gzip);
        assertNamedFailureOrSuccess(file, () -> IdxReader.read(file, 3));
      }
    }
    Path gz = IdxFiles.write(dir.resolve("gz"), valid, true);
    byte[] compressed = Files.readAllBytes(gz);
    for (int i = 0; i < 300; i++) {
      byte[] mutated = compressed.clone();
      mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
      Path file = Files.write(dir.resolve("gzflip" + cases++), mutated);
      assertNamedFailureOrSuccess(file, () -> IdxReader.read(file, 3));
    }
    assertTrue(cases >= 1000, cases + " cases");
  }

  @Test
  void mutatedNpzFilesAreReadOrRejectedWithTheFileNamed() throws Exception {
    Path good = dir.resolve("good.npz");
    Npz.save(good, Map.of("W1", Tensors.randomNormal(new SeededRandom(1), 0, 1, DType.FLOAT32, 3, 4),
        "b1", Tensors.zeros(DType.FLOAT64, 4)));
    byte[] valid = Files.readAllBytes(good);
    SeededRandom random = new SeededRandom(8);
    int cases = 0;
    for (int length = 0; length < valid.length; length += 3) {
      Path file = Files.write(dir.resolve("cut" + cases++ + ".npz"), Arrays.copyOf(valid, length));
      assertNamedFailureOrSuccess(file, () -> Npz.load(file));
    }
    for (int i = 0; i < 800; i++) {
      byte[] mutated = valid.clone();
      mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      Path file = Files.write(dir.resolve("flip" + cases++ + ".npz"), mutated);
      assertNamedFailureOrSuccess(file, () -> Npz.load(file));
    }
    assertTrue(cases >= 800, cases + " cases");
  }
}
