package io.nabla.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/** The machine's preferred vector species, for priority and diagnostics. Needs the module. */
final class VectorWidth {

  private VectorWidth() {}

  static int preferredBits() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize();
  }

  static String describe() {
    return "Vector API, " + preferredBits() + "-bit vectors: " + FloatVector.SPECIES_PREFERRED.length()
        + " float32 or " + DoubleVector.SPECIES_PREFERRED.length() + " float64 lanes";
  }
}
