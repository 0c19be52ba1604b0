package io.nabla.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary file in the same directory that is renamed over the target
 * only when complete, so readers see the old file or the new one, never a partial one. The file
 * gets the mode an ordinary write of a new file would give under the user's umask.
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
    Path temp = newSibling(target, ".tmp");
    try {
      // Buffered: zip and PNG encoders write a few bytes at a time, each a system call unbuffered.
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
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

  /**
   * A new empty file beside {@code target} (same directory, a hidden name made from the target's
   * and {@code suffix}), created as an ordinary new file, so it has the mode the user's umask gives
   * one: a temporary file from {@code Files.createTempFile} stays private (0600), and so would the
   * file it is renamed to.
   *
   * @throws IOException naming the target if its directory cannot be written
   */
  public static Path newSibling(Path target, String suffix) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    for (int attempt = 0; ; attempt++) {
      Path candidate = dir.resolve("." + target.getFileName() + "."
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix);
      try {
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw new IOException(target + ": cannot find a free temporary name in " + dir, e);
        }
      } catch (IOException e) {
        throw new IOException(target + ": cannot write in " + dir + " (" + e.getMessage() + ")", e);
      }
    }
  }
}
