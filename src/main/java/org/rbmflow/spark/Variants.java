package org.rbmflow.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.rbmflow.sweep.SpecParams;

/**
 * The variants of a {@code points} table: the parameters ({@link SpecParams}) whose column takes more than one value
 * among its grid points, and each row's values of them as {@code path=value, …} — the names the aggregates and the
 * report group by, equal to {@link org.rbmflow.sweep.SweepSpec#variantOf} for the spec that wrote the table.
 * Computed from the table itself, so tables merged from several sweeps group correctly too.
 */
final class Variants {
  private final List<SpecParams.Param> varied;

  private Variants(List<SpecParams.Param> varied) {
    this.varied = varied;
  }

  /** The parameter columns a table has (older tables lack some), in spec order. */
  static List<SpecParams.Param> columnsOf(Dataset<Row> points) {
    List<String> have = Arrays.asList(points.columns());
    return SpecParams.ALL.stream().filter(q -> q.column() != null && have.contains(q.column())).toList();
  }

  /**
   * The variants of {@code rows}, which hold a column named after each of {@code params}. Only rows accepted by
   * {@code gridPoint} decide which parameters vary (checkpoint rows differ in epochs only).
   */
  static Variants of(List<Row> rows, List<SpecParams.Param> params, java.util.function.Predicate<Row> gridPoint) {
    List<SpecParams.Param> varied = new ArrayList<>();
    for (SpecParams.Param q : params) {
      Set<Object> values = new HashSet<>();
      for (Row r : rows) {
        if (gridPoint.test(r)) {
          values.add(value(r, q));
        }
      }
      if (values.size() > 1) {
        varied.add(q);
      }
    }
    return new Variants(varied);
  }

  private static Object value(Row r, SpecParams.Param q) {
    return r.get(r.fieldIndex(q.column()));
  }

  /** A row's variant: {@code training.batch_size=full, training.learning_rate=0.1}; "" when nothing varies. */
  String of(Row r) {
    StringBuilder b = new StringBuilder();
    for (SpecParams.Param q : varied) {
      Object v = value(r, q);
      b.append(b.isEmpty() ? "" : ", ").append(q.path()).append('=').append(v == null ? "null" : q.text(v));
    }
    return b.toString();
  }
}
