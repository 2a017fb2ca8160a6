package org.rbmflow.bench.driver;

import java.util.List;
import java.util.function.LongFunction;

/**
 * One program measured on one case (a shape), as a function of its run length (sweeps, epochs or seconds).
 *
 * @param label the program's name in the log
 * @param command the command that runs it for a run length
 * @param shown that command as the report shows it (from the repository root, environment included)
 * @param start the run length calibration starts from
 * @param target seconds a timed run should last
 */
record Program(String label, LongFunction<List<String>> command, LongFunction<String> shown, long start,
    double target) {}
