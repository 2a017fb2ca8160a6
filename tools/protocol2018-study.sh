#!/usr/bin/env bash
# The 2018 protocol study (issue #12), reduced to fit a 2-core machine: 10×10, T = 0…6 step 0.25, 1000
# configurations per T, N_h ∈ {16, 81}, one seed, 5000 epochs with checkpoints at 10, 100 and 1000, for each
# protocol batch ∈ {100, 1000, full} × learning rate ∈ {0.1, 0.01} (lr 0.1 first: the paper's). Until a sweep can
# take batch and learning rate as grid axes, each protocol is its own spec and output (OUT/b<batch>-lr<lr>).
#   tools/protocol2018-study.sh OUT [--dry-run]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: tools/protocol2018-study.sh OUT [--dry-run]}"
shift
mkdir -p "$out/specs"
for lr in 0.1 0.01; do
  for batch in full 100 1000; do
    name="protocol2018-b$batch-lr$lr"
    spec="$out/specs/$name.yaml"
    cat > "$spec" <<YAML
name: ${name//./p}
dim: 2
grid:
  l: [10]
  n_h: [16, 81]
  n_temp: [25]
  seeds: [1]
t_step: 0.25
fields: [0]
configs_per_temp: 1000
training: {epochs: 5000, learning_rate: $lr, batch_size: $batch, cd_k: 1, checkpoints: [10, 100, 1000]}
flow: {starts: [T=min, T=max], ensemble: 1000, max_steps: 2000, window: 50, tolerance: 0.002}
analysis: {calibration_step: 0.05, calibration_max_t: 8, calibration_configs: 400, classifier_step: 0.25,
           classifier_configs: 400, classifier_epochs: 20, classifier_every: 10, permutations: 199, alpha: 0.01}
aggregate: {n_temp_min: 1, best_n_h: all}
YAML
    "$root/submit/rbmflow" sweep "$spec" --out "$out/b$batch-lr$lr" "$@"
  done
done
