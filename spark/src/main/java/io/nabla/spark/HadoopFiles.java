package io.nabla.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Model files on any file system Hadoop reaches (local, HDFS, S3), through a local copy: Nabla's
 * readers and writers work on local files. A file is written beside its target under a temporary
 * name and then put in its place, the old one stepping aside until the new one is there, so a
 * failed write leaves the old file whole and no partial one.
 */
final class HadoopFiles {

  /** Writes a local file. */
  @FunctionalInterface
  interface LocalWrite {
    void to(java.nio.file.Path local) throws IOException;
  }

  /** Reads a local file. */
  @FunctionalInterface
  interface LocalRead<T> {
    T from(java.nio.file.Path local) throws IOException;
  }

  private HadoopFiles() {}

  /** Writes {@code target} by {@code write} on a local file, then copies it into place. */
  static void write(Path target, Configuration conf, LocalWrite write) throws IOException {
    java.nio.file.Path local = Files.createTempFile("nabla", ".tmp");
    FileSystem fs = target.getFileSystem(conf);
    Path temp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    Path old = new Path(temp.getParent(), temp.getName() + ".old");
    try {
      write.to(local);
      fs.copyFromLocalFile(false, true, new Path(local.toUri()), temp);
      // Rename replaces no file on most file systems: the old one steps aside until the new is in place.
      boolean replacing = fs.exists(target);
      if (replacing && !fs.rename(target, old)) {
        throw new IOException("could not move the old " + target + " aside");
      }
      if (!fs.rename(temp, target)) {
        throw new IOException("could not rename " + temp + " to " + target);
      }
      fs.delete(old, false);
    } catch (IOException e) {
      fs.delete(temp, false);
      if (fs.exists(old) && !fs.exists(target)) {
        fs.rename(old, target); // the old file back where it was
      }
      throw e;
    } finally {
      Files.deleteIfExists(local);
    }
  }

  /** What {@code read} makes of a local copy of {@code source}. */
  static <T> T read(Path source, Configuration conf, LocalRead<T> read) throws IOException {
    java.nio.file.Path local = Files.createTempFile("nabla", ".tmp");
    try {
      try {
        source.getFileSystem(conf).copyToLocalFile(false, source, new Path(local.toUri()), true);
      } catch (java.io.FileNotFoundException e) {
        throw new IOException(source + ": no such file", e);
      }
      return read.from(local);
    } finally {
      Files.deleteIfExists(local);
    }
  }
}
