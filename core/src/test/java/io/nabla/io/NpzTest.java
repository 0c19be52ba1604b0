package io.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.backend.DType;
import io.nabla.tensor.SeededRandom;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npz compatibility with NumPy, both ways, and atomic, checked writes. */
class NpzTest {

  @TempDir Path dir;

  /** Written by NumPy 2.4: np.savez(W1=float32 [[1,2,3],[4,5,6.5]], b1=float64 [0.1,-2,3e-5]). */
  private Path numpyFile() throws IOException {
    Path copy = dir.resolve("numpy_savez.npz");
    try (InputStream in = NpzTest.class.getResourceAsStream("numpy_savez.npz")) {
      Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }

  @Test
  void readsWhatNumpyWrote() throws Exception {
    Map<String, Tensor> arrays = Npz.load(numpyFile());
    assertEquals(java.util.List.of("W1", "b1"), java.util.List.copyOf(arrays.keySet()));
    Tensor w = arrays.get("W1");
    assertEquals(DType.FLOAT32, w.dtype());
    assertArrayEquals(new int[] {2, 3}, w.shape());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6.5}, w.toDoubleArray());
    assertEquals(DType.FLOAT64, arrays.get("b1").dtype());
    assertArrayEquals(new double[] {0.1, -2, 3e-5}, arrays.get("b1").toDoubleArray());
  }

  @Test
  void writesTheSameNpyBytesAsNumpy() throws Exception {
    Map<String, Tensor> arrays = Npz.load(numpyFile());
    Path ours = dir.resolve("ours.npz");
    Npz.save(ours, arrays);
    assertEquals(entries(numpyFile()).keySet(), entries(ours).keySet());
    for (Map.Entry<String, byte[]> e : entries(numpyFile()).entrySet()) {
      assertArrayEquals(e.getValue(), entries(ours).get(e.getKey()), e.getKey());
    }
  }

  /** numpy.savez stores its entries; so does Npz.save, each with its sizes and CRC in the local header. */
  @Test
  void storesEntriesUncompressedAsNumpySavezDoes() throws Exception {
    Path ours = dir.resolve("ours.npz");
    Npz.save(ours, Npz.load(numpyFile()), Map.of("note", "a text"));
    for (Path file : new Path[] {numpyFile(), ours}) {
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
        for (ZipEntry e : java.util.Collections.list(zip.entries())) {
          assertEquals(ZipEntry.STORED, e.getMethod(), file.getFileName() + " " + e.getName());
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          try (InputStream in = zip.getInputStream(e)) {
            crc.update(in.readAllBytes());
          }
          assertEquals(e.getCrc(), crc.getValue(), file.getFileName() + " " + e.getName());
        }
      }
    }
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(ours))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        assertEquals(e.getCompressedSize(), e.getSize(), "local header of " + e.getName());
        assertTrue(e.getSize() > 0, "local header of " + e.getName() + " carries its size");
      }
    }
  }

  @Test
  void roundTripsBothDtypesAndEveryRank() throws Exception {
    Map<String, Tensor> arrays = new LinkedHashMap<>();
    arrays.put("W1", Tensors.randomNormal(new SeededRandom(1), 0, 1, DType.FLOAT32, 784, 50));
    arrays.put("b1", Tensors.randomNormal(new SeededRandom(2), 0, 1, DType.FLOAT64, 50));
    arrays.put("s", Tensors.scalar(3.5, DType.FLOAT64));
    arrays.put("cube", Tensors.randomNormal(new SeededRandom(3), 0, 1, DType.FLOAT32, 2, 3, 4));
    Path file = dir.resolve("model.npz");
    Npz.save(file, arrays);
    Map<String, Tensor> back = Npz.load(file);
    for (String key : arrays.keySet()) {
      assertEquals(arrays.get(key).dtype(), back.get(key).dtype(), key);
      assertArrayEquals(arrays.get(key).shape(), back.get(key).shape(), key);
      assertArrayEquals(arrays.get(key).toDoubleArray(), back.get(key).toDoubleArray(), key);
    }
  }

  @Test
  void badFilesAreNamedErrors() throws Exception {
    Path missing = dir.resolve("nope.npz");
    assertEquals(missing + ": no such file", assertThrows(IOException.class, () -> Npz.load(missing)).getMessage());
    Path text = Files.writeString(dir.resolve("text.npz"), "not a zip at all");
    assertTrue(assertThrows(IOException.class, () -> Npz.load(text)).getMessage().startsWith(text + ": not an .npz"));
    byte[] npy = Npy.toBytes(Tensors.vector(DType.FLOAT32, 1, 2, 3));
    IOException truncated = assertThrows(IOException.class,
        () -> Npy.fromBytes("x.npz entry a.npy", java.util.Arrays.copyOf(npy, npy.length - 4),
            io.nabla.backend.Backends.current()));
    assertEquals("x.npz entry a.npy: shape [3] needs 12 bytes of data, found 8", truncated.getMessage());
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
    Path file = dir.resolve("model.npz");
    Npz.save(file, Map.of("a", Tensors.vector(DType.FLOAT32, 1)));
    byte[] before = Files.readAllBytes(file);
    assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
      out.write(new byte[100]);
      throw new IOException("disk full");
    }));
    assertArrayEquals(before, Files.readAllBytes(file));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
    IOException noDir = assertThrows(IOException.class,
        () -> Npz.save(dir.resolve("no/such/dir/m.npz"), Map.of()));
    assertTrue(noDir.getMessage().contains("does not exist"), noDir.getMessage());
  }

  private static Map<String, byte[]> entries(Path npz) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(npz))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }
}
