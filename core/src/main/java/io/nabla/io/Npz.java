package io.nabla.io;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz}: a zip archive with one {@code KEY.npy} entry per array, as {@code
 * numpy.savez} writes (stored, not compressed) and {@code numpy.load} reads (stored or deflated).
 * Besides tensors an archive may hold texts (0-d unicode arrays, see {@link Npy#textToBytes}),
 * such as the description a saved model carries. Written atomically.
 */
public final class Npz {

  /** No parameter file is larger; an entry that claims more is corrupt. */
  private static final long MAX_ENTRY_BYTES = 1L << 30;

  private Npz() {}

  /** What an archive holds: its tensors and its texts, each keyed without {@code .npy}, in file order. */
  public record Contents(Map<String, Tensor> arrays, Map<String, String> texts) {}

  /** Saves the arrays under their keys, atomically (the old file survives a failed write). */
  public static void save(Path file, Map<String, Tensor> arrays) throws IOException {
    save(file, arrays, Map.of());
  }

  /**
   * Saves the arrays and then the texts under their keys, atomically.
   *
   * @throws IllegalArgumentException if a key is used twice
   */
  public static void save(Path file, Map<String, Tensor> arrays, Map<String, String> texts) throws IOException {
    for (String key : texts.keySet()) {
      if (arrays.containsKey(key)) {
        throw new IllegalArgumentException(file + ": key '" + key + "' names both an array and a text");
      }
    }
    AtomicFiles.write(file, out -> {
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
          writeStored(zip, e.getKey(), Npy.toBytes(e.getValue()));
        }
        for (Map.Entry<String, String> e : texts.entrySet()) {
          writeStored(zip, e.getKey(), Npy.textToBytes(e.getValue()));
        }
      }
    });
  }

  /**
   * One {@code KEY.npy} entry, stored as {@code numpy.savez} stores it: parameters hardly deflate
   * (the chapter's trained W1 by 6 %), and deflating took most of a checkpoint's time.
   */
  private static void writeStored(ZipOutputStream zip, String key, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(key + ".npy");
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  /**
   * Loads every numeric array onto {@code backend}, keyed without {@code .npy}, in file order; texts are left out (see
   * {@link #read}).
   *
   * @throws IOException naming the file (and entry) if it is missing, not a zip, or holds an
   *     array this reader does not support
   */
  public static Map<String, Tensor> load(Path file, Backend backend) throws IOException {
    return read(file, backend).arrays();
  }

  /** {@link #load(Path, Backend)} onto the current backend. */
  public static Map<String, Tensor> load(Path file) throws IOException {
    return load(file, Backends.current());
  }

  /**
   * Reads every array, onto {@code backend}, and every text.
   *
   * @throws IOException naming the file (and entry) if it is missing, not a zip, or holds an
   *     array this reader does not support
   */
  public static Contents read(Path file, Backend backend) throws IOException {
    Map<String, Tensor> arrays = new LinkedHashMap<>();
    Map<String, String> texts = new LinkedHashMap<>();
    try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        String name = entry.getName();
        if (!name.endsWith(".npy")) {
          throw new IOException(file + ": entry " + name + " is not a .npy array");
        }
        byte[] bytes = zip.readNBytes((int) Math.min(MAX_ENTRY_BYTES + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > MAX_ENTRY_BYTES) {
          throw new IOException(file + ": entry " + name + " is larger than " + MAX_ENTRY_BYTES + " bytes");
        }
        String key = name.substring(0, name.length() - 4);
        if (Npy.isText(file + " entry " + name, bytes)) {
          texts.put(key, Npy.textFromBytes(file + " entry " + name, bytes));
        } else {
          arrays.put(key, Npy.fromBytes(file + " entry " + name, bytes, backend));
        }
      }
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    } catch (ZipException e) {
      throw new IOException(file + ": not a valid .npz (zip) file (" + e.getMessage() + ")", e);
    } catch (IllegalArgumentException e) {
      // ZipInputStream's own complaint about a corrupt entry name.
      throw new IOException(file + ": not a valid .npz (zip) file (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      // A truncated archive ends in a bare EOFException: say which file and what happened.
      if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
        throw e;
      }
      throw new IOException(file + ": not a valid .npz (zip) file (" + e + ")", e);
    }
    if (arrays.isEmpty()) {
      throw new IOException(file + ": not an .npz file, or it holds no arrays");
    }
    return new Contents(arrays, texts);
  }
}
