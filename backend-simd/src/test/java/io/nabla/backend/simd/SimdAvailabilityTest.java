package io.nabla.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-modules jdk.incubator.vector} the SIMD backend reports itself unavailable
 * and says how to enable it, instead of failing with a class-loading error; with it, it works.
 */
class SimdAvailabilityTest {

  private static String runChildJvm(boolean withModule) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java));
    if (withModule) {
      command.addAll(List.of("--add-modules", SimdBackend.VECTOR_MODULE));
    }
    command.addAll(List.of("-cp", classPath, PrintAvailability.class.getName()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.waitFor(), output);
    return output;
  }

  @Test
  void withoutTheModuleItSaysHowToEnableIt() throws Exception {
    String output = runChildJvm(false);
    assertTrue(output.contains("availability: Availability[available=false, reason=the JDK Vector"
        + " API module is not enabled: start java with '--add-modules jdk.incubator.vector'"), output);
    assertTrue(output.contains("get: backend 'simd' is not available: the JDK Vector API module"), output);
  }

  @Test
  void withTheModuleItIsAvailable() throws Exception {
    String output = runChildJvm(true);
    assertTrue(output.contains("availability: Availability[available=true"), output);
    assertTrue(output.contains("get: ok"), output);
  }
}
