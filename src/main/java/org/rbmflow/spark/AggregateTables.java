package org.rbmflow.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schemas of the aggregation job's tables under {@code OUT/aggregate/} (DESIGN §4). Column names are part of the
 * interface: notebooks, the report and {@code rbmflow sql} read them.
 *
 * <ul>
 *   <li>{@code means}: one row per (dim, n_v, n_h, n_temp), seed means of OK points with standard errors;
 *   <li>{@code optimal}: one row per (dim, n_v, n_temp), the n_h of minimal mean fixed-point energy;
 *   <li>{@code fits}: one row per (dim, n_v), Energy = e0 + a·N_temp^b with e0 = −dim.
 * </ul>
 * Each table's last column, {@code variant}, names the values of the parameters the sweep lists beyond
 * (n_v, n_h, n_temp, seed), e.g. {@code training.batch_size=full, training.learning_rate=0.1} ("" when it lists
 * none); every row above is per variant.
 */
public final class AggregateTables {
  public static final StructType MEANS = schema(
      "dim", DataTypes.IntegerType, "l", DataTypes.IntegerType, "n_v", DataTypes.IntegerType,
      "n_h", DataTypes.IntegerType, "n_temp", DataTypes.IntegerType, "n_h_over_n_v", DataTypes.DoubleType,
      "n_seeds", DataTypes.IntegerType, "n_excluded", DataTypes.IntegerType,
      "energy", DataTypes.DoubleType, "energy_err", DataTypes.DoubleType,
      "temperature", DataTypes.DoubleType, "temperature_err", DataTypes.DoubleType,
      "temperature_classifier", DataTypes.DoubleType, "temperature_classifier_err", DataTypes.DoubleType,
      "magnetization", DataTypes.DoubleType, "magnetization_err", DataTypes.DoubleType,
      "random_fraction", DataTypes.DoubleType, "random_fraction_err", DataTypes.DoubleType,
      "n_nonrandom_patterns", DataTypes.DoubleType, "n_nonrandom_patterns_err", DataTypes.DoubleType,
      "n_patterns_tested", DataTypes.IntegerType, "fp_bracket_gap", DataTypes.DoubleType,
      "recon_error", DataTypes.DoubleType, "variant", DataTypes.StringType);

  public static final StructType OPTIMAL = schema(
      "dim", DataTypes.IntegerType, "l", DataTypes.IntegerType, "n_v", DataTypes.IntegerType,
      "n_temp", DataTypes.IntegerType, "best_n_h", DataTypes.IntegerType, "n_h_over_n_v", DataTypes.DoubleType,
      "energy", DataTypes.DoubleType, "energy_err", DataTypes.DoubleType,
      "temperature", DataTypes.DoubleType, "temperature_err", DataTypes.DoubleType,
      "n_seeds", DataTypes.IntegerType, "n_candidates", DataTypes.IntegerType, "candidates", DataTypes.StringType,
      "variant", DataTypes.StringType);

  public static final StructType FITS = schema(
      "dim", DataTypes.IntegerType, "l", DataTypes.IntegerType, "n_v", DataTypes.IntegerType,
      "e0", DataTypes.DoubleType, "a", DataTypes.DoubleType, "a_err", DataTypes.DoubleType,
      "b", DataTypes.DoubleType, "b_err", DataTypes.DoubleType, "n_temp_min", DataTypes.IntegerType,
      "n_points", DataTypes.IntegerType, "chi2", DataTypes.DoubleType, "dof", DataTypes.IntegerType,
      "weighted", DataTypes.BooleanType, "status", DataTypes.StringType, "reason", DataTypes.StringType,
      "variant", DataTypes.StringType);

  /** Table name → schema, in the order they are written; the directory of table t is {@code OUT/aggregate/t}. */
  public static final Map<String, StructType> ALL = tables();

  /** Names of every view {@code rbmflow sql} registers: the per-point tables, then the aggregates. */
  public static final List<String> VIEWS = List.of("points", "flows", "spectra", "patterns", "means", "optimal", "fits");

  private AggregateTables() {}

  private static Map<String, StructType> tables() {
    Map<String, StructType> m = new LinkedHashMap<>();
    m.put("means", MEANS);
    m.put("optimal", OPTIMAL);
    m.put("fits", FITS);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Alternating name, type pairs; every column nullable only where the contract allows ({@code reason}). */
  private static StructType schema(Object... nameType) {
    StructField[] f = new StructField[nameType.length / 2];
    for (int i = 0; i < f.length; i++) {
      String name = (String) nameType[2 * i];
      f[i] = DataTypes.createStructField(name, (DataType) nameType[2 * i + 1], name.equals("reason"));
    }
    return DataTypes.createStructType(f);
  }
}
