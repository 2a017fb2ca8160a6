package org.rbmflow.table;

import java.util.Map;

/**
 * A row read back from a table, accessed by column name; values in the {@link ColumnType}'s Java representation.
 * Readers build row records from it by name, never by position.
 */
public interface NamedRow {
  /** Whether the row has a column of that name (tables written before a column existed do not). */
  boolean has(String column);

  /** The value of the column (null when it is null); an unknown name is an error. */
  Object get(String column);

  default int getInt(String column) {
    return (Integer) require(column);
  }

  default long getLong(String column) {
    return (Long) require(column);
  }

  default double getDouble(String column) {
    return (Double) require(column);
  }

  /** A double column; NaN when it is null. */
  default double getDoubleOrNaN(String column) {
    Object v = get(column);
    return v == null ? Double.NaN : (Double) v;
  }

  default boolean getBoolean(String column) {
    return (Boolean) require(column);
  }

  /** A string column; null when it is null. */
  default String getString(String column) {
    return (String) get(column);
  }

  default double[] getDoubles(String column) {
    return (double[]) require(column);
  }

  default float[] getFloats(String column) {
    return (float[]) require(column);
  }

  /** The value, or {@code otherwise} when the table has no such column or the value is null. */
  default Object getOr(String column, Object otherwise) {
    Object v = has(column) ? get(column) : null;
    return v == null ? otherwise : v;
  }

  private Object require(String column) {
    Object v = get(column);
    if (v == null) {
      throw new IllegalStateException("column " + column + " is null");
    }
    return v;
  }

  /** A row held as a map (column → value), e.g. a row about to be written, or in tests. */
  static NamedRow of(Map<String, ?> values) {
    return new NamedRow() {
      @Override
      public boolean has(String column) {
        return values.containsKey(column);
      }

      @Override
      public Object get(String column) {
        if (!values.containsKey(column)) {
          throw new IllegalArgumentException("no column " + column + "; columns: " + values.keySet());
        }
        return values.get(column);
      }
    };
  }
}
