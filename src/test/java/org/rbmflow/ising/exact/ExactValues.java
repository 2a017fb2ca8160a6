package org.rbmflow.ising.exact;

/**
 * Exact thermal averages of the Ising model H = -J sum_<ij> s_i s_j - h sum_i s_i (J = 1, k_B = 1)
 * at one temperature T and field h, all per spin (N = number of spins).
 *
 * <p>A method that cannot give a quantity puts {@link Double#NaN} there.
 *
 * @param energyPerSpin           &lt;E&gt; / N, in units of J
 * @param magnetizationPerSpin    &lt;M&gt; / N with M = sum_i s_i, dimensionless, in [-1, 1]
 * @param absMagnetizationPerSpin &lt;|M|&gt; / N, dimensionless, in [0, 1]
 * @param specificHeatPerSpin     (&lt;E^2&gt; - &lt;E&gt;^2) / (N T^2), dimensionless (k_B = 1)
 */
public record ExactValues(
    double energyPerSpin,
    double magnetizationPerSpin,
    double absMagnetizationPerSpin,
    double specificHeatPerSpin) {}
