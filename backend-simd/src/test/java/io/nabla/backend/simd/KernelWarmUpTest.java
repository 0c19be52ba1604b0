package io.nabla.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nabla.backend.DType;
import org.junit.jupiter.api.Test;

/**
 * The warm-up runs every kernel it names without failing (it runs in a background thread, where a
 * failure would only print), starts one thread per dtype at most, and leaves results unchanged.
 */
class KernelWarmUpTest {

  @Test
  void runsEveryKernelOnBothDtypes() {
    assertDoesNotThrow(() -> KernelWarmUp.run(DType.FLOAT32));
    assertDoesNotThrow(() -> KernelWarmUp.run(DType.FLOAT64));
  }

  @Test
  void startsOncePerDtypeAndChangesNoResult() throws InterruptedException {
    float[] a = {1, 2, 3, 4, 5, 6};
    float[] b = {0.5f, -1, 2, 0.25f, 3, -2};
    float[] before = new float[4];
    SimdFloatGemm.gemm(false, false, 2, 2, 3, 1, a, b, 0, before);
    SimdBackend simd = new SimdBackend();
    simd.warmUp(DType.FLOAT32);
    assertFalse(KernelWarmUp.start(DType.FLOAT32), "a second warm-up of float32 started");
    simd.awaitWarmUp(DType.FLOAT32);
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("nabla-simd-warmup-float32") && t.isAlive()),
        "awaitWarmUp returned before the warm-up thread ended");
    float[] after = new float[4];
    SimdFloatGemm.gemm(false, false, 2, 2, 3, 1, a, b, 0, after);
    assertArrayEquals(before, after);
    assertArrayEquals(new float[] {13.5f, -6.5f, 30, -14.75f}, after);
  }
}
