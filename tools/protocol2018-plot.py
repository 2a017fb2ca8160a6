#!/usr/bin/env python3
"""Figure of the 2018 protocol study from its summary CSV (tools/protocol2018-summary.sh OUT > summary.csv):
the temperature at which the flows from T = 0 and T = 6 end (energy inversion; both starts drawn, solid and
dashed) and the largest eigenvalue of WW^T against tau = learning rate x number of updates, one line per
protocol (batch, lr), a panel per N_h.  Usage: tools/protocol2018-plot.py summary.csv out.png"""
import csv
import math
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

N = 25000  # training configurations: 25 temperatures x 1000
rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    b = int(r["batch_size"])
    r["tau"] = float(r["learning_rate"]) * int(r["epochs"]) * (1 if b == 0 else math.ceil(N / b))
    r["protocol"] = ("full batch" if b == 0 else f"batch {b}") + f", lr {r['learning_rate']}"
nhs = sorted({int(r["n_h"]) for r in rows})
protocols = sorted({r["protocol"] for r in rows})
fig, axes = plt.subplots(2, len(nhs), figsize=(6 * len(nhs), 8), sharex=True)
for j, nh in enumerate(nhs):
    for i, p in enumerate(protocols):
        pts = sorted((r for r in rows if int(r["n_h"]) == nh and r["protocol"] == p), key=lambda r: r["tau"])
        tau = [r["tau"] for r in pts]
        color = f"C{i}"
        axes[0][j].plot(tau, [float(r["t_from_t0"]) for r in pts], "o-", color=color, label=p)
        axes[0][j].plot(tau, [float(r["t_from_t6"]) for r in pts], "s--", color=color)
        axes[1][j].plot(tau, [float(r["top_eigenvalues"].strip('"[]').split(",")[0]) for r in pts], "o-",
                        color=color, label=p)
    axes[0][j].axhline(2 / math.log(1 + math.sqrt(2)), color="gray", lw=1, ls=":", label="T_c (infinite lattice)")
    axes[0][j].set_title(f"10x10, N_h = {nh}: flow ends (solid: from T = 0, dashed: from T = 6)", fontsize=10)
    axes[0][j].set_ylabel("T by energy inversion")
    axes[0][j].set_xscale("log")
    axes[1][j].set_yscale("log")
    axes[1][j].set_xlabel("tau = learning rate x updates")
    axes[1][j].set_ylabel("largest eigenvalue of WW^T")
    axes[0][j].legend(fontsize=8)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=90)
