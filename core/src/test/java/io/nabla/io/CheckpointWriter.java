package io.nabla.io;

import io.nabla.backend.DType;
import io.nabla.tensor.Tensor;
import io.nabla.tensor.Tensors;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Saves a large checkpoint over and over, every element of version k equal to k, printing each
 * finished version: the child process {@link CrashSafetyTest} kills mid-write.
 */
public final class CheckpointWriter {

  private CheckpointWriter() {}

  /** Writes versions 1, 2, ... of {@code args[0]} until killed. */
  public static void main(String[] args) throws Exception {
    Tensor w = Tensors.zeros(DType.FLOAT32, 2000, 1000);
    for (int version = 1; ; version++) {
      w.fill(version);
      Npz.save(Paths.get(args[0]), Map.of("W", w));
      System.out.println(version);
      System.out.flush();
    }
  }
}
