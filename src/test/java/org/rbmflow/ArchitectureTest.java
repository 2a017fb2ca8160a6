package org.rbmflow;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
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
      "org.rbmflow.table..", "org.rbmflow.aggregate..", "org.rbmflow.bench.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importMain() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.rbmflow");
  }

  @Test
  void servicesReachSparkOnlyThroughTheSparkPackage() {
    noClasses().that().resideInAPackage("org.rbmflow.service..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..",
            "org.apache.parquet..", "scala..")
        .because("a service starts, passes and stops Spark through org.rbmflow.spark (SparkRun), whose jobs and "
            + "tables are the only code written against Spark's API")
        .check(classes);
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
        .should().dependOnClassesThat().resideInAnyPackage("org.rbmflow.spark..", "org.rbmflow.cli..", "org.rbmflow.report..",
            "org.rbmflow.service..")
        .check(classes);
  }

  @Test
  void theServicesServeOnlyTheCommands() {
    noClasses().that().resideOutsideOfPackages("org.rbmflow.service..", "org.rbmflow.cli..")
        .should().dependOnClassesThat().resideInAPackage("org.rbmflow.service..")
        .because("the services sit between the commands and everything else")
        .check(classes);
  }

  /**
   * The commands parse options, call one application service ({@code org.rbmflow.service}) and print; what a command
   * does lives in its service. They may use the spec and its records ({@code sweep}: what the commands read their
   * options into and print) and {@code common} (the checks' exception) freely.
   *
   * <p>Excepted by name: the {@code bench} commands ({@code Bench*}), which read their options into the core's
   * config records (lattice, Monte Carlo and training settings) for the benchmarks of {@code org.rbmflow.bench},
   * which time the core's kernels directly.
   */
  @Test
  void commandsReachTheCoreOnlyThroughTheServices() {
    noClasses().that().resideInAPackage("org.rbmflow.cli..")
        .and().haveSimpleNameNotStartingWith("Bench")
        .should().dependOnClassesThat(resideInAnyPackage("org.rbmflow.ising..", "org.rbmflow.rbm..",
            "org.rbmflow.linalg..", "org.rbmflow.analysis..", "org.rbmflow.random..", "org.rbmflow.report..",
            "org.rbmflow.spark..", "org.rbmflow.aggregate..", "org.rbmflow.table.."))
        .because("the commands are thin: options in, one service call, text out (issue #13)")
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

  /**
   * The types whose instances are table rows, or rows read from a table, or summaries with one field per column:
   * built by name (builders or small records), so that no call site lines up a dozen numbers by position.
   */
  private static final java.util.Set<String> ROW_TYPES = java.util.Set.of("PointSummary", "Mean", "Optimal", "Fit",
      "ObservableSummary", "PointRef", "ConfigurationRow", "ObservableRow");

  @Test
  void noRowTypeHasAPositionalConstructorOfMoreThanNineParameters() {
    java.util.List<String> wide = new java.util.ArrayList<>();
    java.util.Set<String> checked = new java.util.HashSet<>();
    for (com.tngtech.archunit.core.domain.JavaClass c : classes) {
      boolean row = c.getSimpleName().endsWith("Row") || ROW_TYPES.contains(c.getSimpleName());
      if (!row || !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
        continue;
      }
      checked.add(c.getSimpleName());
      for (var k : c.getConstructors()) {
        if (k.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
            && k.getRawParameterTypes().size() > 9) {
          wide.add(c.getName() + " (" + k.getRawParameterTypes().size() + " parameters)");
        }
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(checked.containsAll(java.util.Set.of("PointRow", "FlowRow", "Mean",
        "Optimal", "Fit", "PointSummary", "ObservableSummary", "TrainingRow", "PointRef")), "checked " + checked);
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), wide,
        "row types are built by name (a builder), not by a long positional constructor");
  }
}
