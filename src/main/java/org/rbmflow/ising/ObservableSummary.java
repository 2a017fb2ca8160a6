package org.rbmflow.ising;

/**
 * Thermodynamic estimates from the configurations of one (T, H); energies and magnetizations per spin,
 * errors are one standard error.
 *
 * <ul>
 *   <li>{@code temperature}: T
 *   <li>{@code field}: H
 *   <li>{@code configs}: number of configurations
 *   <li>{@code energy}: ⟨E⟩/N
 *   <li>{@code energyErr}: its standard error, treating each replica chain as one independent cluster (so
 *       residual autocorrelation along a chain is accounted for)
 *   <li>{@code magnetization}: ⟨m⟩
 *   <li>{@code magnetizationErr}: its standard error (clustered as above)
 *   <li>{@code absMagnetization}: ⟨|m|⟩
 *   <li>{@code absMagnetizationErr}: its standard error
 *   <li>{@code specificHeat}: C = (⟨E²⟩ − ⟨E⟩²)/(N T²) per spin (0 at T = 0)
 *   <li>{@code specificHeatErr}: delete-one-replica jackknife error of C
 *   <li>{@code acceptance}: Metropolis acceptance rate while sampling
 *   <li>{@code tauInt}: integrated autocorrelation time of the energy, sweeps
 *   <li>{@code decorSweeps}: sweeps between samples of one replica
 *   <li>{@code randomFraction}: fraction of configurations whose energy per spin lies within ±1σ of the
 *       infinite-temperature distribution (mean 0, σ = √bonds / N)
 * </ul>
 * Built by name: {@link #builder()}.
 */
public final class ObservableSummary {
  private final double temperature;
  private final double field;
  private final int configs;
  private final double energy;
  private final double energyErr;
  private final double magnetization;
  private final double magnetizationErr;
  private final double absMagnetization;
  private final double absMagnetizationErr;
  private final double specificHeat;
  private final double specificHeatErr;
  private final double acceptance;
  private final double tauInt;
  private final int decorSweeps;
  private final double randomFraction;

  private ObservableSummary(Builder b) {
    this.temperature = b.temperature;
    this.field = b.field;
    this.configs = b.configs;
    this.energy = b.energy;
    this.energyErr = b.energyErr;
    this.magnetization = b.magnetization;
    this.magnetizationErr = b.magnetizationErr;
    this.absMagnetization = b.absMagnetization;
    this.absMagnetizationErr = b.absMagnetizationErr;
    this.specificHeat = b.specificHeat;
    this.specificHeatErr = b.specificHeatErr;
    this.acceptance = b.acceptance;
    this.tauInt = b.tauInt;
    this.decorSweeps = b.decorSweeps;
    this.randomFraction = b.randomFraction;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every value of this row. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.temperature = temperature;
    b.field = field;
    b.configs = configs;
    b.energy = energy;
    b.energyErr = energyErr;
    b.magnetization = magnetization;
    b.magnetizationErr = magnetizationErr;
    b.absMagnetization = absMagnetization;
    b.absMagnetizationErr = absMagnetizationErr;
    b.specificHeat = specificHeat;
    b.specificHeatErr = specificHeatErr;
    b.acceptance = acceptance;
    b.tauInt = tauInt;
    b.decorSweeps = decorSweeps;
    b.randomFraction = randomFraction;
    return b;
  }

  public double temperature() {
    return temperature;
  }

  public double field() {
    return field;
  }

  public int configs() {
    return configs;
  }

  public double energy() {
    return energy;
  }

  public double energyErr() {
    return energyErr;
  }

  public double magnetization() {
    return magnetization;
  }

  public double magnetizationErr() {
    return magnetizationErr;
  }

  public double absMagnetization() {
    return absMagnetization;
  }

  public double absMagnetizationErr() {
    return absMagnetizationErr;
  }

  public double specificHeat() {
    return specificHeat;
  }

  public double specificHeatErr() {
    return specificHeatErr;
  }

  public double acceptance() {
    return acceptance;
  }

  public double tauInt() {
    return tauInt;
  }

  public int decorSweeps() {
    return decorSweeps;
  }

  public double randomFraction() {
    return randomFraction;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObservableSummary r && java.util.Arrays.deepEquals(values(), r.values());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.deepHashCode(values());
  }

  @Override
  public String toString() {
    return "ObservableSummary" + java.util.Arrays.deepToString(values());
  }

  private Object[] values() {
    return new Object[] {temperature, field, configs, energy, energyErr, magnetization, magnetizationErr, absMagnetization, absMagnetizationErr, specificHeat, specificHeatErr, acceptance, tauInt, decorSweeps, randomFraction};
  }

  /** Sets the values of a {@link ObservableSummary} by name; unset numbers are 0, unset references null. */
  public static final class Builder {
    private double temperature;
    private double field;
    private int configs;
    private double energy;
    private double energyErr;
    private double magnetization;
    private double magnetizationErr;
    private double absMagnetization;
    private double absMagnetizationErr;
    private double specificHeat;
    private double specificHeatErr;
    private double acceptance;
    private double tauInt;
    private int decorSweeps;
    private double randomFraction;

    private Builder() {}

    public Builder temperature(double v) {
      this.temperature = v;
      return this;
    }

    public Builder field(double v) {
      this.field = v;
      return this;
    }

    public Builder configs(int v) {
      this.configs = v;
      return this;
    }

    public Builder energy(double v) {
      this.energy = v;
      return this;
    }

    public Builder energyErr(double v) {
      this.energyErr = v;
      return this;
    }

    public Builder magnetization(double v) {
      this.magnetization = v;
      return this;
    }

    public Builder magnetizationErr(double v) {
      this.magnetizationErr = v;
      return this;
    }

    public Builder absMagnetization(double v) {
      this.absMagnetization = v;
      return this;
    }

    public Builder absMagnetizationErr(double v) {
      this.absMagnetizationErr = v;
      return this;
    }

    public Builder specificHeat(double v) {
      this.specificHeat = v;
      return this;
    }

    public Builder specificHeatErr(double v) {
      this.specificHeatErr = v;
      return this;
    }

    public Builder acceptance(double v) {
      this.acceptance = v;
      return this;
    }

    public Builder tauInt(double v) {
      this.tauInt = v;
      return this;
    }

    public Builder decorSweeps(int v) {
      this.decorSweeps = v;
      return this;
    }

    public Builder randomFraction(double v) {
      this.randomFraction = v;
      return this;
    }

    public ObservableSummary build() {
      return new ObservableSummary(this);
    }
  }
}
