package org.rbmflow.bench.driver;

import java.util.List;

/** The linalg backends the cd1 and gemm benchmarks compare, as JVM options of the rbmflow run. */
enum Backend {
  NATIVE("rbmflow native", List.of()),
  JAVA("rbmflow java", List.of("-Drbmflow.linalg=java")),
  BLOCKED("rbmflow java-blocked", List.of("-Drbmflow.linalg=java-blocked", "-Drbmflow.vector=false"));

  final String label;
  final List<String> jvm;

  Backend(String label, List<String> jvm) {
    this.label = label;
    this.jvm = jvm;
  }

  /** {@code rbmflow bench ARGS} on this backend as the report shows it, from the repository root. */
  String shown(Driver d, String args) {
    String opts = switch (jvm.size()) {
      case 0 -> "";
      case 1 -> "JAVA_OPTS=" + jvm.get(0) + " ";
      default -> "JAVA_OPTS='" + String.join(" ", jvm) + "' ";
    };
    return "OPENBLAS_NUM_THREADS=1 " + opts + d.pinText() + "submit/rbmflow bench " + args;
  }

  /** A pinned {@code rbmflow bench ARGS} on this backend. */
  List<String> command(Driver d, String args) {
    return d.rbmflow(true, jvm, List.of(("bench " + args).split(" ")));
  }
}
