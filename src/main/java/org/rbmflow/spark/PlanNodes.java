package org.rbmflow.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Every node of a logical plan, parsed or analyzed: its operators and their children, the inner plans an operator
 * keeps outside its children (CTE definitions, subqueries), every expression and the plan of every subquery
 * expression. Collected with an explicit stack rather than Spark's recursive {@code foreach}, so a deep tree ends in
 * a {@link SqlRefusedException} instead of a StackOverflowError, and each shared node is listed once.
 */
final class PlanNodes {
  /** Deeper than any query a person writes; far below where Spark's recursive analyzer runs out of stack. */
  static final int MAX_DEPTH = 1000;

  private PlanNodes() {}

  static List<TreeNode<?>> of(LogicalPlan root) {
    List<TreeNode<?>> out = new ArrayList<>();
    Set<TreeNode<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<TreeNode<?>> todo = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    todo.push(root);
    depths.push(0);
    while (!todo.isEmpty()) {
      TreeNode<?> node = todo.pop();
      int depth = depths.pop();
      if (!seen.add(node)) {
        continue;
      }
      if (depth > MAX_DEPTH) {
        throw new SqlRefusedException("nested more than " + MAX_DEPTH + " operators and expressions deep; "
            + "allowed: a shallower query (split it with WITH)");
      }
      out.add(node);
      List<Object> next = new ArrayList<>(CollectionConverters.asJava(node.children()));
      if (node instanceof LogicalPlan plan) {
        next.addAll(CollectionConverters.asJava(plan.innerChildren()));
        next.addAll(CollectionConverters.asJava(plan.expressions()));
      } else if (node instanceof SubqueryExpression subquery) {
        next.add(subquery.plan());
      }
      for (Object child : next) {
        if (child instanceof LogicalPlan || child instanceof Expression) {
          todo.push((TreeNode<?>) child);
          depths.push(depth + 1);
        }
      }
    }
    return out;
  }
}
