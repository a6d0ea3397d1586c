#!/usr/bin/env bash
# Benchmark: how long the terminal UI takes from a key to the redrawn figure on a generated
# 1,000,000-response export, driven through tmux like a person at the keyboard.
#
#   bench/tui_latency.sh [ROWS]     # default 1000000; the export is cached in bench/data/
#
# wenjuan writes one line per key that asks for new figures to $WENJUAN_TIMING: milliseconds from
# the key press to the focused figure drawn, and to every figure of the population computed.
# Measured: switching the interval method (m), the confidence level (c), and excluding a
# respondent with a reason (x … Enter). Needs tmux, python3 and cargo.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
DATA="bench/data/export-${ROWS}.csv"
TIMING="bench/data/tui-timing.txt"
SOCKET="bench/data/tmux.sock"
mkdir -p bench/data
[ -f "$DATA" ] || python3 bench/make_export.py --rows "$ROWS" --out "$DATA"
cargo build --release --quiet
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }

# The exclusions go to the export's review log: start from none, leave none behind.
rm -f "$DATA.review.jsonl" "$TIMING"
tmx() { tmux -S "$SOCKET" "$@"; }
cleanup() { tmx kill-server 2>/dev/null || true; rm -f "$DATA.review.jsonl" "$SOCKET"; }
trap cleanup EXIT

tmx new-session -d -s bench -x 120 -y 35 \
  "env LANG=C.UTF-8 WENJUAN_TIMING='$PWD/$TIMING' '$PWD/target/release/wenjuan' tui '$PWD/$DATA'"
start=$(date +%s.%N)
# The overview, once loaded, heads its table with 收回 (responses received).
until tmx capture-pane -p -t bench | grep -q "收回"; do sleep 0.1; done
loaded=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')

lines() { [ -f "$TIMING" ] && wc -l < "$TIMING" || echo 0; }
settle() { sleep 1.5; } # long enough for every figure of the previous key to be in
phase_start=()
phase_name=()
phase() { phase_start+=("$(lines)"); phase_name+=("$1"); }

tmx send-keys -t bench 2; settle; settle
phase "interval method (m)"
for _ in $(seq 10); do tmx send-keys -t bench m; settle; done
phase "confidence level (c)"
for _ in $(seq 10); do tmx send-keys -t bench c; settle; done
tmx send-keys -t bench 4; settle
phase "exclude a respondent (x, reason, Enter)"
for _ in $(seq 10); do
  tmx send-keys -t bench Down x; sleep 0.2
  tmx send-keys -t bench -l "latency benchmark"; tmx send-keys -t bench Enter; settle
done
phase "end"
tmx send-keys -t bench q; sleep 0.5

echo "export: $DATA — $ROWS rows, $(($(stat -c %s "$DATA") / 1000000)) MB; $(nproc) cores; loaded and on screen in ${loaded} s"
echo
echo "| key                                       | keys | to the figure on screen (median / max) | to every figure (median / max) |"
echo "|-------------------------------------------|------|----------------------------------------|--------------------------------|"
for i in 0 1 2; do
  from=$((phase_start[i] + 1)) to=${phase_start[i + 1]}
  sed -n "${from},${to}p" "$TIMING" | python3 -c '
import statistics, sys
name = sys.argv[1]
rows = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
if not rows:
    print(f"| {name:<41} |    0 | {chr(8212):>38} | {chr(8212):>30} |")
    sys.exit()
first = [r[0] for r in rows]
every = [r[1] for r in rows]
print(f"| {name:<41} | {len(rows):4d} | {statistics.median(first):14.1f} ms / {max(first):7.1f} ms          "
      f"| {statistics.median(every):11.1f} ms / {max(every):7.1f} ms   |")
' "${phase_name[i]}"
done
