package org.rbmflow.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The contract of one result table: name, directory under the output root, documentation, columns in order, and
 * how a row record of type {@code R} is read back from a {@link NamedRow}. Parquet and Spark schemas, the writers
 * and readers, and the schema documentation are all derived from it ({@link Tables} lists the tables).
 *
 * <p>{@code partition} names a column that is stored in the directory name ({@code n_v=64/}) rather than in the
 * files, as Spark's partition discovery expects; it is the last column of the table as Spark reads it.
 */
public final class Table<R> {
  private final String name;
  private final String dir;
  private final String doc;
  private final List<Column<R>> columns;
  private final String partition;
  private final Function<NamedRow, R> reader;
  private final Map<String, Column<R>> byName = new LinkedHashMap<>();

  Table(String name, String dir, String doc, List<Column<R>> columns, String partition, Function<NamedRow, R> reader) {
    this.name = name;
    this.dir = dir;
    this.doc = doc;
    this.columns = List.copyOf(columns);
    this.partition = partition;
    this.reader = reader;
    for (Column<R> c : columns) {
      if (byName.put(c.name(), c) != null) {
        throw new IllegalArgumentException("table " + name + ": column " + c.name() + " twice");
      }
    }
    if (partition != null && !byName.containsKey(partition)) {
      throw new IllegalArgumentException("table " + name + ": no partition column " + partition);
    }
  }

  public String name() {
    return name;
  }

  /** The table's directory relative to the output root, e.g. {@code points} or {@code aggregate/means}. */
  public String dir() {
    return dir;
  }

  public String doc() {
    return doc;
  }

  /** Every column, the partition column last. */
  public List<Column<R>> columns() {
    return columns;
  }

  /** The columns stored inside the files (all but the partition column). */
  public List<Column<R>> fileColumns() {
    return columns.stream().filter(c -> !c.name().equals(partition)).toList();
  }

  /** The partition column's name, or null. */
  public String partition() {
    return partition;
  }

  public Column<R> column(String name) {
    Column<R> c = byName.get(name);
    if (c == null) {
      throw new IllegalArgumentException("table " + this.name + " has no column " + name + "; columns: "
          + byName.keySet());
    }
    return c;
  }

  public List<String> names() {
    return columns.stream().map(Column::name).toList();
  }

  /** The row's values by column name, in column order. */
  public Map<String, Object> values(R row) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Column<R> c : columns) {
      out.put(c.name(), c.of(row));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The row record a table row stands for, built by column name. */
  public R read(NamedRow row) {
    return reader.apply(row);
  }

  /** Builds a table's column list one column at a time, in order. */
  static final class Columns<R> {
    private final List<Column<R>> list = new ArrayList<>();

    Columns<R> add(String name, ColumnType type, String doc, Function<R, Object> value) {
      list.add(new Column<>(name, type, false, doc, value));
      return this;
    }

    Columns<R> nullable(String name, ColumnType type, String doc, Function<R, Object> value) {
      list.add(new Column<>(name, type, true, doc, value));
      return this;
    }

    List<Column<R>> list() {
      return list;
    }
  }
}
