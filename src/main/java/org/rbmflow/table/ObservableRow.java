package org.rbmflow.table;

import org.rbmflow.ising.ObservableSummary;

/** One {@code observables} row of {@code generate}'s output: the estimates at one (T, H) of one lattice and seed. */
public record ObservableRow(int dim, int l, int nV, long seed, ObservableSummary summary) {}
