package org.rbmflow.table;

/**
 * The schema documentation of every table ({@code docs/TABLES.md}), rendered from {@link Tables}: one section per
 * table with its directory and one row per column (name, Spark SQL type, nullable, meaning). A test keeps the
 * committed file equal to this rendering.
 */
public final class TableDocs {
  private TableDocs() {}

  public static String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Tables\n\n")
        .append("Every table rbmflow writes, as `rbmflow sql`, Spark and pandas see it. Energies are per spin (J = 1),\n")
        .append("temperatures in units of J/k_B, seconds wall time. A sweep's output holds `points`, `flows`, `spectra`,\n")
        .append("`patterns` and, under `aggregate/`, `means`, `optimal`, `fits`; `generate --out` writes `configurations`\n")
        .append("and `observables`. Generated from the code's table registry; a test keeps this page equal to it.\n");
    for (Table<?> t : Tables.ALL) {
      b.append("\n## `").append(t.name()).append("`\n\n")
          .append("Directory `OUT/").append(t.dir()).append("/`. ").append(t.doc()).append("\n\n")
          .append("| column | type | null | meaning |\n|---|---|---|---|\n");
      for (Column<?> c : t.columns()) {
        b.append("| `").append(c.name()).append("` | ").append(c.type().sql()).append(" | ")
            .append(c.nullable() ? "yes" : "").append(" | ").append(c.doc().replace("|", "\\|")).append(" |\n");
      }
    }
    return b.toString();
  }
}
