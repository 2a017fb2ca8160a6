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
  private final List<SpecParams.Param> params;
  private final List<SpecParams.Param> varied;
  private final int offset;

  private Variants(List<SpecParams.Param> params, List<SpecParams.Param> varied, int offset) {
    this.params = params;
    this.varied = varied;
    this.offset = offset;
  }

  /** The parameter columns a table has (older tables lack some), in spec order. */
  static List<SpecParams.Param> columnsOf(Dataset<Row> points) {
    List<String> have = Arrays.asList(points.columns());
    return SpecParams.ALL.stream().filter(q -> q.column() != null && have.contains(q.column())).toList();
  }

  /**
   * The variants of {@code rows}, whose columns {@code offset}, {@code offset + 1}, … hold {@code params}' values.
   * Only rows accepted by {@code gridPoint} decide which parameters vary (checkpoint rows differ in epochs only).
   */
  static Variants of(List<Row> rows, List<SpecParams.Param> params, int offset,
      java.util.function.Predicate<Row> gridPoint) {
    List<SpecParams.Param> varied = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Set<Object> values = new HashSet<>();
      for (Row r : rows) {
        if (gridPoint.test(r)) {
          values.add(r.get(offset + i));
        }
      }
      if (values.size() > 1) {
        varied.add(params.get(i));
      }
    }
    return new Variants(params, varied, offset);
  }

  /** A row's variant: {@code training.batch_size=full, training.learning_rate=0.1}; "" when nothing varies. */
  String of(Row r) {
    StringBuilder b = new StringBuilder();
    for (SpecParams.Param q : varied) {
      Object v = r.get(offset + params.indexOf(q));
      b.append(b.isEmpty() ? "" : ", ").append(q.path()).append('=').append(v == null ? "null" : q.text(v));
    }
    return b.toString();
  }
}
