package io.nabla.backend.simd;

import io.nabla.backend.Availability;
import io.nabla.backend.DType;
import io.nabla.backend.HeapBackend;

/**
 * The SIMD backend, {@code "simd"}: kernels on the JDK Vector API ({@link SimdFloatKernels} and
 * its float64 twin). Without {@code jdk.incubator.vector} in the boot layer it reports itself
 * unavailable and says how to enable it; discovery touches no Vector API class. Thread-safe.
 */
public final class SimdBackend extends HeapBackend {

  /** The name users select this backend by. */
  public static final String NAME = "simd";
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** Creates the backend; its kernels (and the Vector API) load on first use. */
  public SimdBackend() {
    super(() -> new SimdFloatKernels(), () -> new SimdDoubleKernels());
  }

  @Override
  public String name() {
    return NAME;
  }

  /** 20 (above jblas) with vectors of 256 bits or more, where measured fastest; else 5. */
  @Override
  public int priority() {
    return availability().available() && VectorWidth.preferredBits() < 256 ? 5 : 20;
  }

  @Override
  public String details() { // vector width and GEMM tiles, as 'nabla backends' shows them
    return availability().available() ? VectorWidth.describe() + "; " + GemmTiling.current().describe() : "";
  }

  @Override
  public Availability availability() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent() ? Availability.yes()
        : Availability.no("the JDK Vector API module is not enabled: start java with '--add-modules "
            + VECTOR_MODULE + "' (the ./nabla launcher, the Maven build and the benchmarks add it for you)");
  }

  /** Starts {@link KernelWarmUp} for {@code dtype} (once) where the backend is available. */
  @Override
  public void warmUp(DType dtype) {
    if (availability().available()) {
      KernelWarmUp.start(dtype);
    }
  }

  /** Joins the {@link KernelWarmUp} thread of {@code dtype}, if one was started. */
  @Override
  public void awaitWarmUp(DType dtype) throws InterruptedException {
    KernelWarmUp.await(dtype);
  }
}
