package io.nabla.examples.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nabla.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM has no parent (so it pins nothing but Nabla), hence its version is kept by hand: checked here. */
class BomTest {

  @Test
  void theBomHasTheBuildsVersionAndNoParent() throws Exception {
    String bom = Files.readString(Path.of("..", "bom", "pom.xml"));
    Matcher version = Pattern.compile("<artifactId>nabla-bom</artifactId>\\s*(<!--.*?-->\\s*)?<version>([^<]+)</version>",
        Pattern.DOTALL).matcher(bom);
    assertTrue(version.find(), "bom/pom.xml declares its version");
    assertEquals(Version.current(), version.group(2), "bom/pom.xml's version is the build's");
    assertTrue(!bom.contains("<parent>"), "the BOM must not inherit nabla-parent's third-party versions");
    for (String artifact : new String[] {"nabla-core", "nabla-backend-pure", "nabla-backend-jblas", "nabla-backend-simd",
        "nabla-spark_2.13"}) {
      assertTrue(bom.contains("<artifactId>" + artifact + "</artifactId>"), artifact);
    }
  }
}
