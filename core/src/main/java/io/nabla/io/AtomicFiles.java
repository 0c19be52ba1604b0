package io.nabla.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary file in the same directory that is renamed over the target
 * only when complete, so readers see the old file or the new one, never a partial one.
 */
public final class AtomicFiles {

  /** Writes the content to a stream; may throw. */
  @FunctionalInterface
  public interface Writer {
    /** Writes everything to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code target} atomically.
   *
   * @throws IOException naming the target if its directory cannot be written or writing fails;
   *     the target is then unchanged and no temporary file is left
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException(target + ": the directory " + dir + " does not exist");
    }
    Path temp;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw new IOException(target + ": cannot write in " + dir + " (" + e.getMessage() + ")", e);
    }
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        writer.writeTo(out);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
