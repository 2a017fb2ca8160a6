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
Column names are documented in DESIGN.md section 4 and in ``org.rbmflow.spark.PointTables`` and
``org.rbmflow.spark.AggregateTables``.

Usage::

    from rbmflow_tables import load
    points = load("points")                    # OUT from $RBMFLOW_OUT, else out/quickstart
    means = load("means", "out/quickstart")

A relative OUT is taken relative to the repository root (the parent of this file's directory), so the
notebooks find ``out/quickstart`` whatever directory Jupyter starts their kernel in. ``file:`` URIs (as the sweep
prints its output) are read as local paths; absolute paths and other URLs (``s3://...``, ``hdfs://...``, which need
the matching fsspec package) are used as they are.

Reading needs pandas with pyarrow (``pip install pandas pyarrow``). pyarrow skips the hidden temporary files of
points still being committed (names starting with ``.``) and Spark's ``_SUCCESS`` markers.
"""

import os
from urllib.parse import urlparse

__all__ = ["TABLES", "POINT_TABLES", "AGGREGATE_TABLES", "DEFAULT_OUT", "out_dir", "table_path", "load"]

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
    import pandas as pd

    path = table_path(name, out)
    if "://" not in path and not os.path.isdir(path):
        if name in AGGREGATE_TABLES:
            hint = f"run `submit/rbmflow aggregate {out_dir(out)}` after the sweep"
        else:
            hint = "run `submit/rbmflow sweep jobs/quickstart.yaml` (or set RBMFLOW_OUT to a sweep's output)"
        raise FileNotFoundError(f"no table {name!r} at {path}: {hint}")
    df = pd.read_parquet(path)
    if "n_v" in df.columns and str(df["n_v"].dtype) == "category":
        # pyarrow reads the n_v=<N_v> directories as a categorical column; arithmetic and sorting want integers
        df["n_v"] = df["n_v"].astype("int64")
    return df
