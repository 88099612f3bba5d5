#!/usr/bin/env bash
# Measures the emulate figures of docs/emulate.md: speedup (virtual over wall time), kernels, peak
# resident memory of the engine JVM, and the serving metrics, for the scenarios of the issue.
#   scripts/emulate-figures.sh [OUT_DIR]      (default: runs/figures-<time>)
# Prints one line per scenario; every run folder stays under OUT_DIR.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$HOME_DIR/runs/figures-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
run() {
  local name="$1"; shift
  local folder="$OUT/$name"
  if "$HOME_DIR/chronoscope" emulate "$@" --out "$folder" >"$OUT/$name.log" 2>&1; then
    python3 - "$folder/result.json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:<22} virtual {r['virtual_duration_s']:8.2f} s  wall {r['wall_duration_s']:6.2f} s  "
      f"speedup {r['speedup']:6.1f}x  CPU {r['engine_cpu_s']:6.1f} s  kernels {r['kernel_events']:>11,}  peak RSS {r['engine_peak_rss_bytes']/2**20:6.0f} MiB  "
      f"req/s {r['request_throughput']:.2f}  TTFT mean/p99 {r['mean_ttft_ms']:.1f}/{r['p99_ttft_ms']:.1f} ms  "
      f"TPOT mean/p99 {r['mean_tpot_ms']:.2f}/{r['p99_tpot_ms']:.2f} ms")
PY
  else
    echo "$name: failed: $(grep -m1 'out of memory' "$OUT/$name.log" || grep 'chronoscope emulate: the' "$OUT/$name.log" | tail -1)"
  fi
}
run llama3-8b-1xh100      --model llama-3-8b  --gpu h100-sxm --num-prompts 1000 --random-input-len 1024 --random-output-len 128 --request-rate 8
run llama3-70b-tp8-8xh100 --model llama-3-70b --gpu h100-sxm -tp 8 --num-prompts 200 --random-input-len 1024 --random-output-len 128 --request-rate 8
run llama3-70b-tp8-1000   --model llama-3-70b --gpu h100-sxm -tp 8 --num-prompts 1000 --random-input-len 1024 --random-output-len 128 --request-rate 8
run llama2-70b-tp4-pp2    --model llama-2-70b --gpu h100-sxm -tp 4 -pp 2 --num-prompts 200 --random-input-len 1024 --random-output-len 128 --request-rate 8
run llama3-70b-1xh100     --model llama-3-70b --gpu h100-sxm --num-prompts 10
