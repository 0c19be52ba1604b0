package io.nabla.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@code docs/architecture.md}, checked on the compiled classes of every module: a
 * rule broken in the code fails here, naming the offending dependency.
 */
class ArchitectureTest {

  private static final JavaClasses NABLA = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // nabla-core's test-jar (the conformance suite) is on this module's class path: not shipped code.
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("io.nabla");

  private static final String[] CORE = {
    "io.nabla", "io.nabla.tensor..", "io.nabla.backend", "io.nabla.loss..", "io.nabla.layer..",
    "io.nabla.optimizer..", "io.nabla.gradcheck..", "io.nabla.data..", "io.nabla.train..",
    "io.nabla.model..", "io.nabla.io..", "io.nabla.autograd.."
  };

  @Test
  void coreImportsNoBackendAndNoProgram() {
    noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.nabla.backend.pure..", "io.nabla.backend.jblas..", "io.nabla.backend.simd..",
            "io.nabla.examples..", "io.nabla.benchmarks..")
        .check(NABLA);
  }

  @Test
  void coreTheBackendsAndTheCommandLineAreFreeOfSpark() {
    // Spark is the spark module's alone (in provided scope): nothing else may need it, or Scala.
    noClasses().that().resideInAPackage("io.nabla..").and().resideOutsideOfPackage("io.nabla.spark..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..")
        .check(NABLA);
  }

  @Test
  void protobufAndTheOnnxSchemaAreTheOnnxModulesAlone() {
    // Core and the backends stay free of protobuf; other modules use ONNX through OnnxExport and
    // OnnxImport, never through the generated schema classes.
    noClasses().that().resideInAPackage("io.nabla..").and().resideOutsideOfPackage("io.nabla.onnx..")
        .should().dependOnClassesThat().resideInAnyPackage("com.google.protobuf..", "io.nabla.onnx.proto..")
        .check(NABLA);
    noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage("io.nabla.onnx..")
        .check(NABLA);
  }

  @Test
  void backendsAreIndependentOfEachOther() {
    slices().matching("io.nabla.backend.(*)..").should().notDependOnEachOther().check(NABLA);
    noClasses().that().resideInAnyPackage("io.nabla.backend.pure..", "io.nabla.backend.jblas..",
            "io.nabla.backend.simd..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nabla.examples..", "io.nabla.benchmarks..")
        .check(NABLA);
  }

  @Test
  void onlyKernelsOpenHeapArrays() {
    // Above the SPI, data is reached through Storage, so a backend with other memory plugs in.
    noClasses().that().resideOutsideOfPackages("io.nabla.backend..")
        .should().dependOnClassesThat().haveSimpleName("HeapStorage")
        .check(NABLA);
  }

  @Test
  void libraryCodeIsToldItsBackendAndNeverConsultsTheCurrentOne() {
    // Backends.current() and the Tensors shorthands without a backend are for programs; library
    // code (core and the backends) takes the backend it is given. The allowed exceptions are the
    // shorthands themselves and the documented defaults.
    DescribedPredicate<JavaMethodCall> consultsTheCurrentBackend = DescribedPredicate.describe(
        "Backends.current() or a Tensors factory without a backend", call -> {
          String owner = call.getTarget().getOwner().getName();
          String name = call.getTarget().getName();
          if (owner.equals("io.nabla.backend.Backends")) {
            return name.equals("current");
          }
          if (!owner.equals("io.nabla.tensor.Tensors") || name.equals("reuse")) {
            return false;
          }
          var parameters = call.getTarget().getRawParameterTypes();
          return parameters.isEmpty() || !parameters.get(0).getName().equals("io.nabla.backend.Backend");
        });
    noClasses().that().resideInAnyPackage(CORE).or().resideInAnyPackage(
            "io.nabla.backend.pure..", "io.nabla.backend.jblas..", "io.nabla.backend.simd..")
        .and().doNotHaveFullyQualifiedName("io.nabla.backend.Backends")
        .and().doNotHaveFullyQualifiedName("io.nabla.backend.BackendReport")
        .and().doNotHaveFullyQualifiedName("io.nabla.tensor.Tensors")
        .and().doNotHaveFullyQualifiedName("io.nabla.io.Npz")
        .and().doNotHaveFullyQualifiedName("io.nabla.model.FeedForwardNet$Builder")
        .and().doNotHaveFullyQualifiedName("io.nabla.model.Net$Builder")
        .should().callMethodWhere(consultsTheCurrentBackend)
        .check(NABLA);
  }

  @Test
  void modelDoesNotDependOnGradcheck() {
    noClasses().that().resideInAPackage("io.nabla.model..")
        .should().dependOnClassesThat().resideInAPackage("io.nabla.gradcheck..")
        .check(NABLA);
  }

  @Test
  void corePackagesFormNoCycle() {
    // The SPI works on Storage and sizes, so the backend package sits below the tensor package
    // (issue 22 removed the exemption this rule had for the two).
    slices().matching("io.nabla.(**)").should().beFreeOfCycles().check(NABLA);
  }

  @Test
  void theSpiKnowsNoTensor() {
    noClasses().that().resideInAPackage("io.nabla.backend")
        .should().dependOnClassesThat().resideInAPackage("io.nabla.tensor..")
        .check(NABLA);
  }
}
