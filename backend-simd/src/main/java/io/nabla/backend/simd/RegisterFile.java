package io.nabla.backend.simd;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * How many vector registers the JIT compiles the Vector API kernels for, and how that was
 * decided: read once per JVM from what the JVM reports ({@code os.arch}, HotSpot's {@code UseAVX}
 * through the diagnostic MXBean, the preferred vector width).
 *
 * <p>On x86-64, AVX-512 code ({@code UseAVX=3}) has 32 vector registers, whatever the vector width
 * the JVM was limited to; AVX2, AVX and SSE code has 16. ARM64 (NEON and SVE) has 32.
 *
 * @param count the number of vector registers, 16 or 32
 * @param reason what the count was inferred from, for {@code nabla backends}
 */
record RegisterFile(int count, String reason) {

  /** The register file of this JVM, decided once. */
  static RegisterFile current() {
    return Holder.CURRENT;
  }

  private static final class Holder {
    static final RegisterFile CURRENT =
        detect(System.getProperty("os.arch", ""), useAvx(), VectorWidth.preferredBits());
  }

  /**
   * The register file for an architecture, a {@code UseAVX} level (empty where the JVM does not
   * report one) and a preferred vector width in bits.
   */
  static RegisterFile detect(String osArch, OptionalInt useAvx, int preferredBits) {
    String arch = osArch.toLowerCase(Locale.ROOT);
    if (arch.equals("aarch64") || arch.equals("arm64")) {
      return new RegisterFile(32, "arm64: 32 SIMD registers");
    }
    if (arch.equals("amd64") || arch.equals("x86_64")) {
      if (useAvx.isPresent()) {
        int level = useAvx.getAsInt();
        return level >= 3
            ? new RegisterFile(32, "x86-64 with UseAVX=" + level + " (AVX-512): 32 registers")
            : new RegisterFile(16, "x86-64 with UseAVX=" + level + " (AVX2 or older): 16 registers");
      }
      return preferredBits >= 512
          ? new RegisterFile(32, "x86-64 with 512-bit vectors (AVX-512): 32 registers")
          : new RegisterFile(16, "x86-64, UseAVX unknown, vectors below 512 bits: assume 16"
              + " registers");
    }
    return new RegisterFile(16, osArch + ": unknown register file, assume 16 registers");
  }

  /** HotSpot's {@code UseAVX} flag, or empty on a JVM without it (not x86, not HotSpot). */
  private static OptionalInt useAvx() {
    try {
      var bean = ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class);
      return OptionalInt.of(Integer.parseInt(bean.getVMOption("UseAVX").getValue()));
    } catch (RuntimeException | LinkageError e) {
      // No such flag on this JVM (or no management module): fall back to the vector width.
      return OptionalInt.empty();
    }
  }
}
