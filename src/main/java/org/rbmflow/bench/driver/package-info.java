/**
 * The benchmark driver behind {@code submit/bench}: runs rbmflow's benchmarks beside the yardsticks (a C and a NumPy
 * reference kept outside the repository, raw OpenBLAS through {@code tools/bench/raw_sgemm.c}) on this machine,
 * calibrated and interleaved, and writes a Markdown report. It starts every program as a separate process, rbmflow
 * from a snapshot of its jar; it runs no benchmark in its own JVM.
 */
package org.rbmflow.bench.driver;
