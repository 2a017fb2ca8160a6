#!/usr/bin/env bash
# Tables of the 2018 protocol study (tools/protocol2018-study.sh OUT), read from its outputs with `rbmflow sql`:
# per protocol, N_h and epochs (checkpoints included) the ends of the flows from T = 0 and T = 6 (means over the
# last 50 steps: energy per spin, T by energy inversion, T by the classifier), the status and bracket gap of the
# fixed point, and the six largest eigenvalues of WWᵀ.
#   tools/protocol2018-summary.sh OUT
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: tools/protocol2018-summary.sh OUT}"
query="
WITH last AS (SELECT point_id, start, max(step) AS s FROM flows GROUP BY point_id, start),
ends AS (
  SELECT f.point_id, f.start, avg(f.energy) AS e, avg(f.temperature) AS t,
         avg(CASE WHEN NOT isnan(f.temperature_classifier) THEN f.temperature_classifier END) AS tc
  FROM flows f JOIN last l ON f.point_id = l.point_id AND f.start = l.start AND f.step > l.s - 50
  GROUP BY f.point_id, f.start)
SELECT p.batch_size, p.learning_rate, p.n_h, p.epochs, p.status, round(p.fp_bracket_gap, 4) AS gap,
       round(lo.e, 3) AS e_from_t0, round(lo.t, 2) AS t_from_t0, round(lo.tc, 2) AS tc_from_t0,
       round(hi.e, 3) AS e_from_t6, round(hi.t, 2) AS t_from_t6, round(hi.tc, 2) AS tc_from_t6,
       transform(slice(s.eigenvalues, 1, 6), x -> round(x, 1)) AS top_eigenvalues
FROM points p
  JOIN ends lo ON lo.point_id = p.point_id AND lo.start = 'T=0.0'
  JOIN ends hi ON hi.point_id = p.point_id AND hi.start = 'T=6.0'
  JOIN spectra s ON s.point_id = p.point_id
ORDER BY p.n_h, p.epochs"
first=1
for dir in "$out"/b*-lr*; do
  [ -d "$dir/points" ] || continue
  if [ $first = 1 ]; then
    "$root/submit/rbmflow" sql "$query" --in "$dir" 2>/dev/null
    first=0
  else
    "$root/submit/rbmflow" sql "$query" --in "$dir" 2>/dev/null | tail -n +2
  fi
done
