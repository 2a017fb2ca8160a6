package org.rbmflow.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rbmflow.table.Column;
import org.rbmflow.table.ColumnType;
import org.rbmflow.table.NamedRow;
import org.rbmflow.table.Table;

/**
 * A {@link Table}'s contract in Parquet and Spark terms: its Parquet schema (the columns inside the files; lists as
 * 3-level {@code LIST} groups, strings {@code STRING}, timestamps {@code TIMESTAMP(MILLIS,true)}), its Spark
 * {@link StructType} (the partition column last), a row written into a Parquet {@link Group} or a Spark {@link Row}
 * by column name, and a Spark row read back as a {@link NamedRow}.
 */
public final class TableFormats {
  private static final Map<String, MessageType> PARQUET = new ConcurrentHashMap<>();

  private TableFormats() {}

  /** The Parquet schema of the table's files (every column but the partition column). */
  public static MessageType parquet(Table<?> table) {
    return PARQUET.computeIfAbsent(table.name(), n -> {
      StringBuilder b = new StringBuilder("message ").append(n).append(" {");
      for (Column<?> c : table.fileColumns()) {
        String rep = c.nullable() ? "optional" : "required";
        b.append(' ').append(switch (c.type()) {
          case INT -> rep + " int32 " + c.name() + ";";
          case LONG -> rep + " int64 " + c.name() + ";";
          case DOUBLE -> rep + " double " + c.name() + ";";
          case BOOLEAN -> rep + " boolean " + c.name() + ";";
          case STRING -> rep + " binary " + c.name() + " (STRING);";
          case TIMESTAMP -> rep + " int64 " + c.name() + " (TIMESTAMP(MILLIS,true));";
          case BYTES -> rep + " binary " + c.name() + ";";
          case DOUBLE_ARRAY -> list(rep, c.name(), "double");
          case FLOAT_ARRAY -> list(rep, c.name(), "float");
        });
      }
      return MessageTypeParser.parseMessageType(b.append(" }").toString());
    });
  }

  private static String list(String rep, String name, String element) {
    return rep + " group " + name + " (LIST) { repeated group list { required " + element + " element; } }";
  }

  /** The Spark schema of the table as Spark reads it; the partition column (from directory names) is nullable. */
  public static StructType spark(Table<?> table) {
    List<StructField> fields = new ArrayList<>();
    for (Column<?> c : table.columns()) {
      boolean nullable = c.nullable() || c.name().equals(table.partition());
      fields.add(DataTypes.createStructField(c.name(), sparkType(c.type()), nullable));
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType sparkType(ColumnType t) {
    return switch (t) {
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case STRING -> DataTypes.StringType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case BYTES -> DataTypes.BinaryType;
      case DOUBLE_ARRAY -> DataTypes.createArrayType(DataTypes.DoubleType, false);
      case FLOAT_ARRAY -> DataTypes.createArrayType(DataTypes.FloatType, false);
    };
  }

  /** Adds the row's values to {@code g} (a group of {@link #parquet}'s schema) by column name; nulls are left out. */
  public static <R> void fill(Group g, Table<R> table, R row) {
    for (Column<R> c : table.fileColumns()) {
      Object v = c.of(row);
      if (v == null) {
        continue;
      }
      String n = c.name();
      switch (c.type()) {
        case INT -> g.add(n, (Integer) v);
        case LONG, TIMESTAMP -> g.add(n, (Long) v);
        case DOUBLE -> g.add(n, (Double) v);
        case BOOLEAN -> g.add(n, (Boolean) v);
        case STRING -> g.add(n, (String) v);
        case BYTES -> g.add(n, Binary.fromConstantByteArray((byte[]) v));
        case DOUBLE_ARRAY -> {
          Group list = g.addGroup(n);
          for (double x : (double[]) v) {
            list.addGroup("list").append("element", x);
          }
        }
        case FLOAT_ARRAY -> {
          Group list = g.addGroup(n);
          for (float x : (float[]) v) {
            list.addGroup("list").append("element", x);
          }
        }
      }
    }
  }

  /** The row as a Spark row of {@link #spark}'s schema (every column, in order). */
  public static <R> Row sparkRow(Table<R> table, R row) {
    Object[] values = new Object[table.columns().size()];
    int i = 0;
    for (Column<R> c : table.columns()) {
      Object v = c.of(row);
      values[i++] = v == null ? null : switch (c.type()) {
        case TIMESTAMP -> new java.sql.Timestamp((Long) v);
        case DOUBLE_ARRAY -> java.util.Arrays.stream((double[]) v).boxed().toList();
        case FLOAT_ARRAY -> floats((float[]) v);
        default -> v;
      };
    }
    return RowFactory.create(values);
  }

  private static List<Float> floats(float[] v) {
    List<Float> out = new ArrayList<>(v.length);
    for (float x : v) {
      out.add(x);
    }
    return out;
  }

  /**
   * A Spark row of {@code table} (any subset of its columns, any order) read by column name; values in the
   * {@link ColumnType}'s Java representation (arrays as primitive arrays, timestamps as epoch milliseconds).
   */
  public static NamedRow named(Table<?> table, Row row) {
    StructType schema = row.schema();
    return new NamedRow() {
      @Override
      public boolean has(String column) {
        return java.util.Arrays.asList(schema.fieldNames()).contains(column);
      }

      @Override
      public Object get(String column) {
        int i = schema.fieldIndex(column);
        if (row.isNullAt(i)) {
          return null;
        }
        ColumnType t = table.column(column).type();
        return switch (t) {
          case INT -> ((Number) row.get(i)).intValue();
          case LONG -> ((Number) row.get(i)).longValue();
          case TIMESTAMP -> millis(row.get(i));
          case DOUBLE_ARRAY -> row.<Double>getList(i).stream().mapToDouble(Double::doubleValue).toArray();
          case FLOAT_ARRAY -> {
            List<Float> l = row.getList(i);
            float[] out = new float[l.size()];
            for (int k = 0; k < out.length; k++) {
              out[k] = l.get(k);
            }
            yield out;
          }
          default -> row.get(i);
        };
      }
    };
  }

  private static long millis(Object v) {
    if (v instanceof java.sql.Timestamp ts) {
      return ts.getTime();
    }
    if (v instanceof java.time.Instant in) {
      return in.toEpochMilli();
    }
    throw new IllegalStateException("not a timestamp: " + v.getClass());
  }

  /** Every row of a collected table, read into its row records by name. */
  public static <R> List<R> read(Table<R> table, List<Row> rows) {
    return rows.stream().map(r -> table.read(named(table, r))).toList();
  }
}
