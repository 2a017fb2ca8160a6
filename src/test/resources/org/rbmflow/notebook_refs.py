"""Parses the code cells of one notebook and lists the tables and columns they reference (used by NotebooksTest).

Input on stdin: JSON {"cells": ["<source of code cell 0>", ...]}. Output on stdout: JSON with
  syntax_errors  every cell that is not valid Python ("cell N, line M: message")
  tables         [name, where] for every load("name", ...) call
  columns        [name, where] for every string literal used as a column (the rule below)
  defined        column names the notebook creates itself (df["new"] = ...)
  violations     [message, where] for code that bypasses the convention

Columns are string literals in these places (single- or double-quoted, alone or in a list/tuple literal):
  * a subscript: df["c"], df[["a", "b"]], row["c"] (also .loc[...]): every string literal subscript is a column;
  * a positional argument of .groupby, .sort_values, .set_index, .pivot, .pivot_table, .drop_duplicates,
    .nlargest, .nsmallest, .explode;
  * the value of a keyword argument x, y, xerr, yerr, by, on, left_on, right_on, columns, values, index, subset, hue.
A subscript assigned to (df["c"] = ...) defines column c instead. Tables are only read through load("name", ...)
with a string literal name; pandas' read_* functions, spark.read...parquet, .query and .eval are violations.
"""
import ast
import json
import sys

COLUMN_METHODS = {"groupby", "sort_values", "set_index", "pivot", "pivot_table", "drop_duplicates", "nlargest",
                  "nsmallest", "explode"}
COLUMN_KEYWORDS = {"x", "y", "xerr", "yerr", "by", "on", "left_on", "right_on", "columns", "values", "index",
                   "subset", "hue"}
FORBIDDEN_CALLS = {"parquet", "query", "eval", "read_table"}


def strings(node):
    """String literals of a constant or of a list/tuple literal (other elements ignored)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [s for e in node.elts for s in strings(e) if isinstance(e, ast.Constant)]
    return []


def scan(cells):
    out = {"syntax_errors": [], "tables": [], "columns": [], "defined": [], "violations": []}
    for i, src in enumerate(cells):
        try:
            tree = ast.parse(src, filename=f"cell {i}")
        except SyntaxError as e:
            out["syntax_errors"].append(f"cell {i}, line {e.lineno}: {e.msg}")
            continue
        for node in ast.walk(tree):
            where = f"cell {i}, line {getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Subscript):
                names = strings(node.slice)
                if isinstance(node.ctx, ast.Store):
                    out["defined"].extend(names)
                else:
                    out["columns"].extend([n, where] for n in names)
            elif isinstance(node, ast.Call):
                func = node.func
                fname = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
                if fname == "load":
                    first = node.args[0] if node.args else None
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        out["tables"].append([first.value, where])
                    else:
                        out["violations"].append(["load() without a string literal table name", where])
                if isinstance(func, ast.Attribute) and (fname.startswith("read_") or fname in FORBIDDEN_CALLS):
                    out["violations"].append([f".{fname}() (read tables with load(\"name\"), columns with df[\"c\"])",
                                              where])
                if isinstance(func, ast.Attribute) and fname in COLUMN_METHODS:
                    for a in node.args:
                        out["columns"].extend([n, where] for n in strings(a))
                for k in node.keywords:
                    if k.arg in COLUMN_KEYWORDS:
                        out["columns"].extend([n, where] for n in strings(k.value))
    return out


if __name__ == "__main__":
    json.dump(scan(json.load(sys.stdin)["cells"]), sys.stdout)
