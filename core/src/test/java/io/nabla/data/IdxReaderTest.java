package io.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IDX parsing on files the tests write, plain and gzipped, good and broken. */
class IdxReaderTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsDimensionsAndData(boolean gzip) throws Exception {
    byte[] data = {0, 1, 2, (byte) 255, 4, 5};
    Path file = IdxFiles.write(dir.resolve("x"), IdxFiles.bytes(new int[] {2, 1, 3}, data), gzip);
    IdxArray array = IdxReader.read(file, 3);
    assertArrayEquals(new int[] {2, 1, 3}, array.dims());
    assertArrayEquals(data, array.data());
    assertEquals(3, array.itemSize());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rejectsAWrongMagicNumberNamingTheFile(boolean gzip) throws Exception {
    byte[] content = IdxFiles.bytes(new int[] {2}, new byte[2]);
    content[2] = 0x09; // type 9 is not unsigned bytes
    Path file = IdxFiles.write(dir.resolve("labels"), content, gzip);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file, 1));
    assertEquals(file + ": wrong magic number 0x00000901: expected 0x00000801 (IDX, unsigned bytes,"
        + " 1 dimensions)", e.getMessage());
    assertThrows(DataFormatException.class,
        () -> IdxReader.read(IdxFiles.write(dir.resolve("images"), IdxFiles.bytes(new int[] {2}, new byte[2]), gzip), 3));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rejectsTruncatedData(boolean gzip) throws Exception {
    byte[] content = IdxFiles.bytes(new int[] {10, 28, 28}, new byte[10 * 784]);
    Path file = IdxFiles.write(dir.resolve("short"), Arrays.copyOf(content, content.length - 100), gzip);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file, 3));
    assertTrue(e.getMessage().startsWith(file + ": truncated: the header declares 7840 bytes"), e.getMessage());
    Path header = IdxFiles.write(dir.resolve("header"), Arrays.copyOf(content, 7), gzip);
    DataFormatException h = assertThrows(DataFormatException.class, () -> IdxReader.read(header, 3));
    assertEquals(header + ": truncated: the file ends inside the header", h.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rejectsHugeOrNonPositiveDimensionsBeforeAllocating(boolean gzip) throws Exception {
    byte[] huge = ByteBuffer.allocate(16).putInt(0x0803).putInt(60000).putInt(60000).putInt(60000).array();
    Path file = IdxFiles.write(dir.resolve("huge"), huge, gzip);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file, 3));
    assertTrue(e.getMessage().contains("the header is corrupt"), e.getMessage());
    byte[] negative = ByteBuffer.allocate(8).putInt(0x0801).putInt(-5).array();
    Path neg = IdxFiles.write(dir.resolve("neg"), negative, gzip);
    assertEquals(neg + ": dimension 0 is -5",
        assertThrows(DataFormatException.class, () -> IdxReader.read(neg, 1)).getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void loaderChecksCountsAndImageSize(boolean gzip) throws Exception {
    Path d = Files.createDirectories(dir.resolve("set"));
    String suffix = gzip ? ".gz" : "";
    IdxFiles.write(d.resolve(MnistFiles.TRAIN_IMAGES + suffix), IdxFiles.bytes(new int[] {3, 28, 28}, new byte[3 * 784]), gzip);
    IdxFiles.write(d.resolve(MnistFiles.TRAIN_LABELS + suffix), IdxFiles.bytes(new int[] {2}, new byte[2]), gzip);
    IdxFiles.write(d.resolve(MnistFiles.TEST_IMAGES + suffix), IdxFiles.bytes(new int[] {1, 14, 14}, new byte[196]), gzip);
    IdxFiles.write(d.resolve(MnistFiles.TEST_LABELS + suffix), IdxFiles.bytes(new int[] {1}, new byte[1]), gzip);
    DataFormatException counts = assertThrows(DataFormatException.class,
        () -> MnistLoader.load(d, true, true, io.nabla.backend.DType.FLOAT32, io.nabla.backend.Backends.get("reference")));
    assertTrue(counts.getMessage().endsWith("2 labels for 3 images in " + MnistFiles.TRAIN_IMAGES + suffix),
        counts.getMessage());
    IdxFiles.write(d.resolve(MnistFiles.TRAIN_LABELS + suffix), IdxFiles.bytes(new int[] {3}, new byte[] {1, 2, 3}), gzip);
    DataFormatException size = assertThrows(DataFormatException.class,
        () -> MnistLoader.load(d, true, true, io.nabla.backend.DType.FLOAT32, io.nabla.backend.Backends.get("reference")));
    assertTrue(size.getMessage().endsWith("images are 14x14; MNIST and Fashion-MNIST images are 28x28"),
        size.getMessage());
    Files.delete(d.resolve(MnistFiles.TEST_LABELS + suffix));
    DataFormatException missing = assertThrows(DataFormatException.class,
        () -> MnistLoader.load(d, true, true, io.nabla.backend.DType.FLOAT32, io.nabla.backend.Backends.get("reference")));
    assertTrue(missing.getMessage().contains("missing (neither t10k-labels-idx1-ubyte nor"
        + " t10k-labels-idx1-ubyte.gz is in"), missing.getMessage());
  }
}
