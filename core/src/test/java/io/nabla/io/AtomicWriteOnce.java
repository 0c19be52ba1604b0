package io.nabla.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A child JVM's job for {@link AtomicFilesModeTest}: one atomic write of a small file, then exit. */
public final class AtomicWriteOnce {

  private AtomicWriteOnce() {}

  /** Writes "ok" to the file named by the first argument. */
  public static void main(String[] args) throws IOException {
    AtomicFiles.write(Path.of(args[0]), out -> out.write("ok".getBytes(StandardCharsets.UTF_8)));
  }
}
