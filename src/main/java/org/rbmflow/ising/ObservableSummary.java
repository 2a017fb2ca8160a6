package org.rbmflow.ising;

/**
 * Thermodynamic estimates from the configurations of one (T, H); energies and magnetizations per spin,
 * errors are one standard error.
 *
 * @param temperature       T
 * @param field             H
 * @param configs           number of configurations
 * @param energy            ⟨E⟩/N
 * @param energyErr         its standard error, treating each replica chain as one independent
 *                          cluster (so residual autocorrelation along a chain is accounted for)
 * @param magnetization     ⟨m⟩
 * @param magnetizationErr  its standard error (clustered as above)
 * @param absMagnetization  ⟨|m|⟩
 * @param absMagnetizationErr its standard error
 * @param specificHeat      C = (⟨E²⟩ − ⟨E⟩²)/(N T²) per spin (0 at T = 0)
 * @param specificHeatErr   delete-one-replica jackknife error of C
 * @param acceptance        Metropolis acceptance rate while sampling
 * @param tauInt            integrated autocorrelation time of the energy, sweeps
 * @param decorSweeps       sweeps between samples of one replica
 * @param randomFraction    fraction of configurations whose energy per spin lies within ±1σ of the
 *                          infinite-temperature distribution (mean 0, σ = √bonds / N)
 */
public record ObservableSummary(
    double temperature,
    double field,
    int configs,
    double energy,
    double energyErr,
    double magnetization,
    double magnetizationErr,
    double absMagnetization,
    double absMagnetizationErr,
    double specificHeat,
    double specificHeatErr,
    double acceptance,
    double tauInt,
    int decorSweeps,
    double randomFraction) {}
