/**
 * The measurements behind {@code rbmflow bench}: Metropolis throughput, memory of a data set held whole, CD-1
 * training throughput, GEMM speed of the linalg facade, and memory of one large grid point's training. Each
 * benchmark is one class that takes checked sizes, runs, and returns a result whose {@code line()} is the one line of
 * key=value pairs the command prints (the format the benchmark driver and the yardsticks share). Spark-free.
 */
package org.rbmflow.bench;
