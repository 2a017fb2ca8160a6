package org.rbmflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house rules of DESIGN §3 that the compiler cannot see. */
class ArchitectureTest {
  /** The Spark-free layers; bench measures the core and is Spark-free like it. */
  private static final String[] CORE = {"org.rbmflow.ising..", "org.rbmflow.rbm..", "org.rbmflow.analysis..",
      "org.rbmflow.linalg..", "org.rbmflow.sweep..", "org.rbmflow.random..", "org.rbmflow.common..",
      "org.rbmflow.bench.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importMain() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.rbmflow");
  }

  @Test
  void coreNeverTouchesSparkHadoopOrParquet() {
    noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..",
            "org.apache.parquet..", "scala..")
        .because("everything a grid point does must run and be tested without Spark (DESIGN §3)")
        .check(classes);
  }

  @Test
  void coreDoesNotDependOnTheSparkOrCliLayers() {
    noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage("org.rbmflow.spark..", "org.rbmflow.cli..", "org.rbmflow.report..")
        .check(classes);
  }

  @Test
  void onlyTheCliRunsTheBenchmarks() {
    noClasses().that().resideOutsideOfPackages("org.rbmflow.bench..", "org.rbmflow.cli..")
        .should().dependOnClassesThat().resideInAPackage("org.rbmflow.bench..")
        .because("benchmarks measure the core; nothing the core or the Spark layer does may depend on them")
        .check(classes);
  }

  @Test
  void randomnessIsAddressable() {
    noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .orShould().callMethod(Math.class, "random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .because("every random stream derives from (seed, point, purpose) via SplitMix64 (DESIGN §3)")
        .check(classes);
  }
}
