package org.rbmflow.spark;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.analysis.CurrentNamespace$;
import org.apache.spark.sql.catalyst.analysis.ExpressionWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;
import org.apache.spark.sql.catalyst.analysis.UnresolvedHaving;
import org.apache.spark.sql.catalyst.analysis.UnresolvedInlineTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedQualify;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedSubqueryColumnAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTVFAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.PipeOperator;
import org.apache.spark.sql.catalyst.expressions.SchemaOfXml;
import org.apache.spark.sql.catalyst.expressions.TryReflect;
import org.apache.spark.sql.catalyst.expressions.XmlToStructs;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.CompoundBody;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.Distinct;
import org.apache.spark.sql.catalyst.plans.logical.Except;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.Intersect;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LateralJoin;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Pivot;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.apache.spark.sql.catalyst.plans.logical.RebalancePartitions;
import org.apache.spark.sql.catalyst.plans.logical.Repartition;
import org.apache.spark.sql.catalyst.plans.logical.RepartitionByExpression;
import org.apache.spark.sql.catalyst.plans.logical.Sample;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.catalyst.plans.logical.UnionLoopRef;
import org.apache.spark.sql.catalyst.plans.logical.Unpivot;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedHint;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.plans.logical.WithWindowDefinition;
import org.apache.spark.sql.catalyst.trees.Origin;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.rbmflow.table.Tables;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Decides whether a SQL text may run in {@code rbmflow sql}, which must only read a sweep's tables. Spark's
 * {@code spark.sql} runs commands eagerly (a write, a cache, a config change happens before any result is asked
 * for) and its queries can read any file ({@code text.`/etc/passwd`}) or call Java ({@code reflect}), so the text
 * is checked before it is handed to Spark, and the analyzed plan again before it executes.
 *
 * <p>Allowed: one query (SELECT, WITH, VALUES, TABLE, FROM …, pipe syntax) made only of query operators, whose
 * relations are the registered views ({@link Tables#VIEWS}), its own CTEs, inline VALUES or the
 * generator table functions ({@link #TABLE_FUNCTIONS}); and the read-only commands {@code DESCRIBE <view>},
 * {@code SHOW TABLES}, {@code SHOW VIEWS}, {@code SHOW COLUMNS IN <view>} and {@code EXPLAIN <allowed query>}.
 * Refused: everything else — writes and DDL in any position, {@code SET}/{@code RESET}/{@code ADD JAR}/
 * {@code CACHE}, SQL scripts, several statements, {@code TRANSFORM … USING} (runs a program), file-path and catalog
 * relations, {@code IDENTIFIER(…)} with a computed name, qualified function names and the functions in
 * {@link #FUNCTIONS} (they call Java, read files named in their arguments, or come from modules not vetted here).
 * Operators are matched against an allowlist of plan classes, so a construct Spark adds later is refused until
 * someone looks at it; functions against a list of the harmful ones, since Spark has hundreds of harmless ones.
 *
 * <p>The text limits ({@link SqlText}) and an iterative walk ({@link PlanNodes}) keep deep nesting from ending in a
 * StackOverflowError. As defence in depth the caller also sets {@code spark.sql.runSQLOnFiles=false} and passes the
 * analyzed plan to {@link #checkAnalyzed}, which accepts only leaves that are the sweep's Parquet tables under its
 * output directory, local rows, ranges and CTE references.
 */
public final class SqlGuard {
  /** The largest query text, in UTF-8 bytes. */
  public static final int MAX_BYTES = 256 * 1024;
  /** The deepest nesting of ( and [ outside literals and comments. */
  public static final int MAX_NESTING = 200;

  /** What a refusal says is allowed instead. */
  public static final String ALLOWED = "allowed: one query (SELECT, WITH, VALUES, TABLE, FROM) over the views "
      + String.join(", ", Tables.VIEWS) + ", or DESCRIBE <view>, SHOW TABLES, SHOW VIEWS, "
      + "SHOW COLUMNS IN <view>, EXPLAIN <query>";

  /** The table-valued functions a query may use: generators over their arguments, which read nothing. */
  public static final Set<String> TABLE_FUNCTIONS = Set.of("range", "explode", "explode_outer", "inline",
      "inline_outer", "posexplode", "posexplode_outer", "stack", "json_tuple", "variant_explode",
      "variant_explode_outer");

  /** Built-in functions refused, with the reason. */
  public static final Map<String, String> FUNCTIONS = Map.of(
      "reflect", "calls a Java method",
      "java_method", "calls a Java method",
      "try_reflect", "calls a Java method",
      "from_xml", "reads the XSD file named in its options",
      "schema_of_xml", "reads the XSD file named in its options",
      "from_protobuf", "reads the descriptor file named in its arguments",
      "to_protobuf", "reads the descriptor file named in its arguments",
      "from_avro", "belongs to the external Avro module, which rbmflow neither ships nor vets",
      "to_avro", "belongs to the external Avro module, which rbmflow neither ships nor vets",
      "schema_of_avro", "belongs to the external Avro module, which rbmflow neither ships nor vets");

  /** What a query may be made of; anything else (commands, writes, scripts, TRANSFORM) is refused. */
  private static final Set<Class<?>> QUERY_OPERATORS = Set.of(Project.class, Filter.class, Aggregate.class,
      Sort.class, GlobalLimit.class, LocalLimit.class, Offset.class, Distinct.class, Union.class, Intersect.class,
      Except.class, Join.class, LateralJoin.class, SubqueryAlias.class, UnresolvedWith.class,
      WithWindowDefinition.class, Generate.class, Pivot.class, Unpivot.class, Sample.class,
      RepartitionByExpression.class, Repartition.class, RebalancePartitions.class, UnresolvedHint.class,
      PipeOperator.class, OneRowRelation.class, LocalRelation.class, UnresolvedInlineTable.class,
      UnresolvedRelation.class, UnresolvedTableValuedFunction.class, UnresolvedSubqueryColumnAliases.class,
      UnresolvedTVFAliases.class, UnresolvedHaving.class, UnresolvedQualify.class);

  /** Leaves of an analyzed query besides the views' own Parquet relations. */
  private static final Set<Class<?>> ANALYZED_LEAVES = Set.of(LocalRelation.class, OneRowRelation.class,
      Range.class, CTERelationRef.class, UnionLoopRef.class);

  /** Expressions that must not survive analysis whatever name they were called by. */
  private static final Set<Class<?>> ANALYZED_REFUSED = Set.of(CallMethodViaReflection.class, TryReflect.class,
      XmlToStructs.class, SchemaOfXml.class);

  /** What {@link #check} accepted. */
  public enum Kind {
    /** A query: run it, then {@link #checkAnalyzed} its plan before reading rows. */
    QUERY,
    /** DESCRIBE, SHOW or EXPLAIN: Spark runs it when the statement is submitted. */
    COMMAND
  }

  private SqlGuard() {}

  /**
   * {@link #check(ParserInterface, String)} with Spark's own parser, which needs no running session: to refuse bad
   * input before starting Spark.
   */
  public static Kind check(String text) throws ParseException {
    return check(new SparkSqlParser(), text);
  }

  /**
   * Parses {@code text} with {@code parser} (the session's, so its extensions count) and returns what it is, or
   * throws {@link SqlRefusedException} with a one-line reason. A syntax error comes out as Spark's
   * {@code ParseException}.
   */
  public static Kind check(ParserInterface parser, String text) throws ParseException {
    SqlText.check(text);
    LogicalPlan plan;
    try {
      plan = parser.parsePlan(text);
    } catch (StackOverflowError e) {
      throw new SqlRefusedException("too deeply nested for Spark's parser; allowed: a shallower query");
    }
    if (plan instanceof ExplainCommand explain) {
      checkQuery(explain.logicalPlan(), text);
      return Kind.COMMAND;
    }
    if (plan instanceof DescribeRelation || plan instanceof DescribeColumn || plan instanceof ShowColumns
        || plan instanceof ShowTables || plan instanceof ShowViews) {
      checkMetadataCommand(plan, text);
      return Kind.COMMAND;
    }
    checkQuery(plan, text);
    return Kind.QUERY;
  }

  /**
   * Checks the analyzed plan of an accepted query: its leaves are the Parquet tables under {@code root}, local rows,
   * ranges or CTE references, and no command or Java-calling expression appears.
   */
  public static void checkAnalyzed(LogicalPlan analyzed, Path root, Configuration conf) throws IOException {
    URI under = root.getFileSystem(conf).makeQualified(root).toUri();
    for (TreeNode<?> node : PlanNodes.of(analyzed)) {
      if (node instanceof Command || ANALYZED_REFUSED.contains(node.getClass())) {
        throw new SqlRefusedException(node.nodeName() + " is not allowed in a query; " + ALLOWED);
      }
      if (node instanceof LogicalPlan plan && plan.children().isEmpty() && !ANALYZED_LEAVES.contains(node.getClass())
          && !isTableUnder(plan, under)) {
        throw new SqlRefusedException("the query reads " + plan.simpleString(3) + ", which is not one of the "
            + "sweep's tables; " + ALLOWED);
      }
    }
  }

  private static boolean isTableUnder(LogicalPlan leaf, URI root) {
    if (!(leaf instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation files)) {
      return false;
    }
    List<Path> paths = CollectionConverters.asJava(files.location().rootPaths());
    return !paths.isEmpty() && paths.stream().allMatch(p -> isUnder(p.toUri(), root));
  }

  /** Compared as decoded paths, so a space or % in the output directory reads the same on both sides. */
  private static boolean isUnder(URI path, URI root) {
    return Objects.equals(path.getScheme(), root.getScheme())
        && Objects.equals(path.getAuthority(), root.getAuthority())
        && path.getPath().startsWith(root.getPath() + "/");
  }

  private static void checkMetadataCommand(LogicalPlan plan, String text) {
    boolean ok;
    if (plan instanceof DescribeRelation d) {
      ok = isView(d.relation());
    } else if (plan instanceof DescribeColumn d) {
      ok = isView(d.relation()) && d.column() instanceof UnresolvedAttribute;
    } else if (plan instanceof ShowColumns s) {
      ok = isView(s.child()) && s.namespace().isEmpty();
    } else if (plan instanceof ShowTables s) {
      ok = s.namespace() == CurrentNamespace$.MODULE$;
    } else {
      ok = ((ShowViews) plan).namespace() == CurrentNamespace$.MODULE$;
    }
    if (!ok) {
      throw new SqlRefusedException(quote(plan, text) + ": DESCRIBE and SHOW only of the views, in no other "
          + "namespace; " + ALLOWED);
    }
  }

  private static boolean isView(LogicalPlan relation) {
    if (!(relation instanceof UnresolvedTableOrView t)) {
      return false;
    }
    List<String> parts = CollectionConverters.asJava(t.multipartIdentifier());
    return parts.size() == 1 && viewNames().contains(parts.get(0).toLowerCase(Locale.ROOT));
  }

  private static Set<String> viewNames() {
    return new HashSet<>(Tables.VIEWS);
  }

  private static void checkQuery(LogicalPlan plan, String text) {
    List<TreeNode<?>> nodes = PlanNodes.of(plan);
    Set<String> relations = viewNames();
    for (TreeNode<?> node : nodes) {
      if (node instanceof UnresolvedWith with) {
        for (Tuple3<String, SubqueryAlias, ?> cte : CollectionConverters.asJava(with.cteRelations())) {
          relations.add(cte._1().toLowerCase(Locale.ROOT));
        }
      }
    }
    for (TreeNode<?> node : nodes) {
      if (node instanceof CompoundBody) {
        throw new SqlRefusedException("SQL scripting (BEGIN … END) is not allowed; " + ALLOWED);
      }
      if (node instanceof LogicalPlan && !QUERY_OPERATORS.contains(node.getClass())) {
        throw new SqlRefusedException(quote(node, text) + " (" + node.nodeName() + ") is not a read-only query "
            + "operator; " + ALLOWED);
      }
      if (node instanceof UnresolvedRelation r) {
        checkRelation(r, relations, text);
      } else if (node instanceof UnresolvedTableValuedFunction f) {
        checkTableFunction(f, text);
      } else if (node instanceof UnresolvedFunction f) {
        checkFunction(CollectionConverters.asJava(f.nameParts()), text, f);
      } else if (node instanceof UnresolvedGenerator g) {
        checkFunction(g.name().database().isDefined() ? List.of(g.name().database().get(), g.name().funcName())
            : List.of(g.name().funcName()), text, g);
      } else if (node instanceof ExpressionWithUnresolvedIdentifier) {
        throw new SqlRefusedException(quote(node, text) + ": IDENTIFIER(…) with a computed name is not allowed "
            + "(write the name); " + ALLOWED);
      }
    }
  }

  private static void checkRelation(UnresolvedRelation r, Set<String> relations, String text) {
    List<String> parts = CollectionConverters.asJava(r.multipartIdentifier());
    if (parts.size() > 1) {
      throw new SqlRefusedException("relation " + quote(r, text) + " is a file path or a catalog table, not one of "
          + "the views (reading files directly is not allowed); " + ALLOWED);
    }
    if (!relations.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
      throw new SqlRefusedException("relation " + quote(r, text) + " is not one of the views or the query's own "
          + "WITH names; " + ALLOWED);
    }
    if (r.isStreaming() || !r.options().isEmpty()) {
      throw new SqlRefusedException("relation " + quote(r, text) + ": STREAM and WITH (options) are not allowed; "
          + ALLOWED);
    }
  }

  private static void checkTableFunction(UnresolvedTableValuedFunction f, String text) {
    List<String> parts = CollectionConverters.asJava(f.name());
    if (f.isStreaming() || parts.size() != 1 || !TABLE_FUNCTIONS.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
      throw new SqlRefusedException("table function " + quote(f, text) + " is not allowed (only "
          + String.join(", ", TABLE_FUNCTIONS.stream().sorted().toList()) + "); " + ALLOWED);
    }
  }

  private static void checkFunction(List<String> parts, String text, TreeNode<?> at) {
    if (parts.size() != 1) {
      throw new SqlRefusedException("function " + String.join(".", parts) + " in " + quote(at, text)
          + ": qualified function names are not allowed (write the plain name); " + ALLOWED);
    }
    String name = parts.get(0).toLowerCase(Locale.ROOT);
    String reason = FUNCTIONS.get(name);
    if (reason != null) {
      throw new SqlRefusedException("function " + name + " " + reason + " and is not allowed (in " + quote(at, text)
          + "); " + ALLOWED);
    }
  }

  /** The node's own SQL text, shortened to one line, or its node name when the parser kept no position. */
  private static String quote(TreeNode<?> node, String text) {
    Origin o = node.origin();
    if (o.startIndex().isEmpty() || o.stopIndex().isEmpty()) {
      return node.nodeName();
    }
    int start = (Integer) o.startIndex().get();
    int stop = (Integer) o.stopIndex().get();
    if (start < 0 || stop < start || stop >= text.length()) {
      return node.nodeName();
    }
    String s = text.substring(start, stop + 1).strip().replaceAll("\\s+", " ");
    return "'" + (s.length() <= 60 ? s : s.substring(0, 57) + "...") + "'";
  }
}
