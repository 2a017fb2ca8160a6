package org.rbmflow.table;

import java.util.function.Function;

/**
 * One column of a table: its name (part of the interface: notebooks, the report and {@code rbmflow sql} read it),
 * type, whether it may be null, one line of documentation, and how a row of type {@code R} gives its value (in the
 * {@link ColumnType}'s Java representation; null only when {@code nullable}).
 */
public record Column<R>(String name, ColumnType type, boolean nullable, String doc, Function<R, Object> value) {

  public Column {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("column name '" + name + "' is not snake_case");
    }
  }

  /** The value of this column in {@code row}; a null from a required column is refused. */
  public Object of(R row) {
    Object v = value.apply(row);
    if (v == null && !nullable) {
      throw new IllegalStateException("column " + name + " is required but the row has no value");
    }
    return v;
  }
}
