package io.nabla.benchmarks;

import io.nabla.backend.Backend;
import io.nabla.backend.Backends;
import io.nabla.backend.Parallelism;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The header of a benchmark report: what a figure needs beside it to mean anything, namely the
 * CPU model and its vector ISA, the JVM flags that narrow what the JIT may use, the SIMD
 * backend's vector width and GEMM tile (as this JVM chose them), the JDK and the thread count.
 */
final class MachineDescription {

  private MachineDescription() {}

  /** The header as Markdown lines. */
  static String markdown() {
    String jvmFlags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-XX:UseAVX") || a.startsWith("-XX:MaxVectorSize")
            || a.startsWith("-Dnabla."))
        .collect(Collectors.joining(" "));
    String coreType = System.getenv("OPENBLAS_CORETYPE");
    return String.format(Locale.ROOT,
        "- CPU: %s, %d processors; ISA: %s%n- JVM: JDK %s, %s %s; flags: %s%n"
            + "- SIMD backend: %s%n- Threads for `all`: %d%n- Native BLAS reference: %s%n",
        cpuModel(), Runtime.getRuntime().availableProcessors(), isa(), Runtime.version(),
        System.getProperty("os.name"), System.getProperty("os.arch"),
        jvmFlags.isEmpty() ? "none" : jvmFlags, simd(), Parallelism.threads(),
        "OpenBLAS through JavaCPP, kernels chosen at run time"
            + (coreType == null ? "" : " (OPENBLAS_CORETYPE=" + coreType + " set: it uses those)"));
  }

  private static List<String> cpuinfo() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo"));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static String field(String name) {
    for (String line : cpuinfo()) {
      if (line.startsWith(name) && line.contains(":")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "";
  }

  private static String cpuModel() {
    String model = field("model name");
    return model.isEmpty() ? System.getProperty("os.arch") : model;
  }

  /** The widest vector extension the CPU reports (the JVM may be told to use less: see flags). */
  private static String isa() {
    String arch = System.getProperty("os.arch");
    if (arch.equals("aarch64")) {
      return field("Features").contains("sve") ? "NEON and SVE" : "NEON";
    }
    String flags = " " + field("flags") + " ";
    if (flags.contains(" avx512f ")) {
      return "AVX-512";
    }
    return flags.contains(" avx2 ") ? "AVX2" : flags.contains(" avx ") ? "AVX" : "SSE";
  }

  private static String simd() {
    try {
      Backend simd = Backends.get("simd");
      String details = simd.details();
      return details.isEmpty() ? "available, no details" : details;
    } catch (RuntimeException e) {
      return "not available here (" + e.getMessage() + ")";
    }
  }
}
