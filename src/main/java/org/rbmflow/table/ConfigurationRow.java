package org.rbmflow.table;

/**
 * One {@code configurations} row of {@code generate}'s output: a spin configuration of an {@code l}-sided lattice
 * ({@code n_v} sites) at (T, H), bit-packed (site j = bit (j mod 8) of byte ⌊j/8⌋, 1 = up, sites row-major).
 */
public record ConfigurationRow(int dim, int l, int nV, long seed, double t, double h, int index, byte[] spins) {}
