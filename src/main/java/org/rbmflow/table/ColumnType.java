package org.rbmflow.table;

/**
 * The value types a table column can hold, each with one Java representation that writers take and readers give
 * back: {@code INT} Integer, {@code LONG} Long, {@code DOUBLE} Double, {@code BOOLEAN} Boolean, {@code STRING}
 * String, {@code TIMESTAMP} Long (milliseconds since the epoch, UTC), {@code BYTES} byte[], {@code DOUBLE_ARRAY}
 * double[], {@code FLOAT_ARRAY} float[].
 */
public enum ColumnType {
  INT("int"), LONG("bigint"), DOUBLE("double"), BOOLEAN("boolean"), STRING("string"), TIMESTAMP("timestamp"),
  BYTES("binary"), DOUBLE_ARRAY("array<double>"), FLOAT_ARRAY("array<float>");

  private final String sql;

  ColumnType(String sql) {
    this.sql = sql;
  }

  /** The type's name as Spark SQL prints it ({@code DESCRIBE}, {@code rbmflow sql}). */
  public String sql() {
    return sql;
  }
}
