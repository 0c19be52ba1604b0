package io.nabla.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the format of MNIST and Fashion-MNIST), gzipped or not.
 *
 * <p>The header is checked before any data is read: magic number {@code 0x0000_08_NN} (type 0x08,
 * unsigned byte, NN dimensions), positive dimensions whose product fits in memory and, for an
 * uncompressed file, in the file. Every failure is a {@link DataFormatException} naming the file.
 */
public final class IdxReader {

  /** The IDX type code of unsigned bytes. */
  private static final int UNSIGNED_BYTE = 0x08;

  /** No MNIST-like file holds more: a header that claims more is corrupt, not large. */
  static final long MAX_BYTES = 1L << 30;

  private IdxReader() {}

  /**
   * Reads the whole file.
   *
   * @param expectedRank the number of dimensions the caller needs (1 for labels, 3 for images)
   * @throws DataFormatException if the file is not such an IDX file or is truncated
   * @throws IOException if it cannot be read
   */
  public static IdxArray read(Path file, int expectedRank) throws IOException {
    try (InputStream in = open(file)) {
      DataInputStream data = new DataInputStream(in);
      int magic = data.readInt();
      int type = (magic >>> 8) & 0xff;
      int rank = magic & 0xff;
      if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank != expectedRank) {
        throw new DataFormatException(file, String.format(
            "wrong magic number 0x%08X: expected 0x%08X (IDX, unsigned bytes, %d dimensions)",
            magic, (UNSIGNED_BYTE << 8) | expectedRank, expectedRank));
      }
      int[] dims = new int[rank];
      long total = 1;
      for (int i = 0; i < rank; i++) {
        dims[i] = data.readInt();
        if (dims[i] <= 0) {
          throw new DataFormatException(file, "dimension " + i + " is " + dims[i]);
        }
        total *= dims[i];
        if (total > MAX_BYTES) {
          throw new DataFormatException(file, "declared dimensions " + java.util.Arrays.toString(dims)
              + " need more than " + MAX_BYTES + " bytes: the header is corrupt");
        }
      }
      if (!isGzip(file)) {
        long available = Files.size(file) - 4L - 4L * rank;
        if (available < total) {
          throw new DataFormatException(file, "truncated: the header declares " + total
              + " bytes of data but the file has " + available);
        }
      }
      byte[] bytes = new byte[(int) total];
      try {
        data.readFully(bytes);
      } catch (EOFException e) {
        throw new DataFormatException(file, "truncated: the header declares " + total
            + " bytes of data but the file ends before that");
      }
      return new IdxArray(dims, bytes);
    } catch (EOFException e) {
      throw new DataFormatException(file, "truncated: the file ends inside the header");
    } catch (ZipException e) {
      throw new DataFormatException(file, "corrupt gzip data (" + e.getMessage() + ")");
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return isGzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  /** Whether the file starts with the gzip signature 1f 8b. */
  static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }
}
