"""Load the Parquet tables of an rbmflow sweep as pandas DataFrames.

A sweep (``submit/rbmflow sweep JOB.yaml``) writes, under its output directory OUT::

    OUT/points/n_v=<N_v>/<point_id>.parquet    one row per grid point (n_v comes from the directory name)
    OUT/flows/<point_id>.parquet               one row per (point, start, step) of the RBM flow
    OUT/spectra/<point_id>.parquet             one row per point: eigenvalues of W W^T, descending
    OUT/patterns/<point_id>.parquet            one row per kept eigenvector of W W^T

After compaction (``submit/rbmflow compact OUT``, which the sweep runs at its end) the rows of many points are in
``compacted-<batch>.parquet`` files in the same directories instead, the same rows; read a sweep that is not
running (a compaction caught in the middle leaves files only rbmflow's own readers know to skip).
The aggregation job (``submit/rbmflow aggregate OUT``) adds ``OUT/aggregate/{means,optimal,fits}``.
Columns, types and meanings are in ``docs/TABLES.md``.

Usage::

    from rbmflow_tables import load
    points = load("points")                    # OUT from $RBMFLOW_OUT, else out/quickstart
    means = load("means", "out/quickstart")

A relative OUT is taken relative to the repository root (the parent of this file's directory), so the
notebooks find ``out/quickstart`` whatever directory Jupyter starts their kernel in. ``file:`` URIs (as the sweep
prints its output) are read as local paths; absolute paths and other URLs (``s3://...``, ``hdfs://...``, which need
the matching fsspec package) are used as they are.

With pyarrow (``pip install pandas pyarrow``) each ``load`` reads the Parquet files afresh; pyarrow skips the
hidden temporary files of points still being committed (names starting with ``.``) and Spark's ``_SUCCESS``
markers, so a running sweep can be followed.

Without pyarrow (Debian packages none) the tables are read through rbmflow's own ``sql`` command
(``submit/rbmflow sql --in OUT``, which needs Java 17 and builds the jar when it is missing): the first ``load`` of
a sweep reads every table of it not read yet in one run (one JVM start, a few seconds; started with
``-XX:TieredStopAtLevel=1 -XX:+UseSerialGC`` before ``$JAVA_OPTS``), each row as JSON, and keeps
them for the life of the Python process; ``clear_cache()`` forgets them. Column types follow the schema: integers,
floats (NaN and infinities included), booleans, strings, ``finished_at`` as a UTC timestamp, arrays as lists.
"""

import csv
import importlib.util
import io
import json
import os
import re
import subprocess
from urllib.parse import urlparse

__all__ = ["TABLES", "POINT_TABLES", "AGGREGATE_TABLES", "DEFAULT_OUT", "out_dir", "table_path", "load",
           "clear_cache"]

POINT_TABLES = ("points", "flows", "spectra", "patterns")
AGGREGATE_TABLES = ("means", "optimal", "fits")
TABLES = POINT_TABLES + AGGREGATE_TABLES
DEFAULT_OUT = "out/quickstart"

_REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def out_dir(out=None):
    """The sweep output directory: ``out``, else ``$RBMFLOW_OUT``, else ``out/quickstart``. Relative paths are
    resolved against the repository root; ``file:`` URIs (as the sweep prints them) become local paths; other URIs
    are returned as they are."""
    out = os.fspath(out or os.environ.get("RBMFLOW_OUT") or DEFAULT_OUT)
    if out.startswith("file:"):
        out = urlparse(out).path
    if "://" in out or os.path.isabs(out):
        return out
    return os.path.join(_REPO_ROOT, out)


def table_path(name, out=None):
    """The directory holding table ``name``: ``OUT/<name>`` for the per-point tables,
    ``OUT/aggregate/<name>`` for means, optimal and fits."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; the tables are {', '.join(TABLES)}")
    base = out_dir(out)
    sub = f"aggregate/{name}" if name in AGGREGATE_TABLES else name
    return f"{base.rstrip('/')}/{sub}"


def load(name, out=None):
    """Table ``name`` (points, flows, spectra, patterns, means, optimal or fits) of the sweep in ``out`` as a
    pandas DataFrame. The partition column ``n_v`` of ``points`` comes back as a plain integer column."""
    import pandas  # noqa: F401  (before any reading: a missing pandas is reported at once)

    path = table_path(name, out)
    if "://" not in path and not os.path.isdir(path):
        if name in AGGREGATE_TABLES:
            hint = f"run `submit/rbmflow aggregate {out_dir(out)}` after the sweep"
        else:
            hint = "run `submit/rbmflow sweep jobs/quickstart.yaml` (or set RBMFLOW_OUT to a sweep's output)"
        raise FileNotFoundError(f"no table {name!r} at {path}: {hint}")
    if importlib.util.find_spec("pyarrow") is not None:
        return _read_parquet(path)
    base = out_dir(out)
    if (base, name) not in _cache:
        missing = [t for t in TABLES if (base, t) not in _cache and _present(table_path(t, base))]
        for table, df in _read_with_sql(base, missing).items():
            _cache[(base, table)] = df
    return _cache[(base, name)].copy()


def clear_cache():
    """Forget the tables read through ``rbmflow sql``, so the next ``load`` reads them again."""
    _cache.clear()


_cache = {}
_NON_FINITE = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


def _read_parquet(path):
    import pandas as pd

    df = pd.read_parquet(path)
    if "n_v" in df.columns and str(df["n_v"].dtype) == "category":
        # pyarrow reads the n_v=<N_v> directories as a categorical column; arithmetic and sorting want integers
        df["n_v"] = df["n_v"].astype("int64")
    return df


def _present(path):
    return "://" in path or os.path.isdir(path)


def _read_with_sql(base, tables):
    """Tables of the sweep in ``base`` through one ``rbmflow sql`` run: name -> DataFrame."""
    # Each table's rows as JSON objects, so types survive the CSV. The LEFT JOIN to one row gives an all-null row
    # when the table is empty, which still names its columns.
    query = "\nUNION ALL\n".join(
        f"SELECT '{t}' AS tbl, to_json(struct(r.*), map('ignoreNullFields', 'false')) AS row "
        f"FROM (SELECT 1 AS one) o LEFT JOIN {t} r ON true" for t in tables)
    command = [os.path.join(_REPO_ROOT, "submit", "rbmflow"), "sql", "--file", "-", "--in", base]
    run = subprocess.run(command, input=query, capture_output=True, text=True, env=_short_jvm_env())
    if run.returncode != 0:
        raise RuntimeError(f"`submit/rbmflow sql --in {base}` failed (exit {run.returncode}): "
                           + "\n".join(run.stderr.strip().splitlines()[-5:]))
    csv.field_size_limit(2**31 - 1)
    rows = {t: [] for t in tables}
    reader = csv.reader(io.StringIO(run.stdout))
    next(reader)
    for table, text in reader:
        rows[table].append(json.loads(text))
    return {t: _frame(r) for t, r in rows.items()}


def _short_jvm_env():
    """The environment for a JVM that lives a few seconds: the quick compiler only and the serial collector roughly
    halve its CPU time. Options in $JAVA_OPTS come later and win; a collector chosen there is kept."""
    env = dict(os.environ)
    user = env.get("JAVA_OPTS", "")
    fast = "-XX:TieredStopAtLevel=1" + ("" if re.search(r"-XX:\+Use\w*GC", user) else " -XX:+UseSerialGC")
    env["JAVA_OPTS"] = f"{fast} {user}".strip()
    return env


def _frame(records):
    import pandas as pd

    columns = list(records[0]) if records else []
    records = [r for r in records if any(v is not None for v in r.values())]
    df = pd.DataFrame.from_records(records, columns=columns)
    for c in columns:
        values = [v for v in df[c] if v is not None]
        if any(isinstance(v, list) for v in values):
            df[c] = [[_NON_FINITE.get(x, x) if isinstance(x, str) else x for x in v] if isinstance(v, list) else v
                     for v in df[c]]
        elif values and all(isinstance(v, str) for v in values) and all(_TIMESTAMP.fullmatch(v) for v in values):
            df[c] = pd.to_datetime(df[c], utc=True)
        elif any(isinstance(v, str) and v in _NON_FINITE for v in values) and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) or v in _NON_FINITE for v in values):
            df[c] = pd.to_numeric(df[c].map(lambda v: _NON_FINITE.get(v, v)), errors="raise").astype("float64")
    return df
