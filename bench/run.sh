#!/usr/bin/env bash
# Benchmark: summarise a generated 问卷星 export shaped like a real download (43 columns, 37
# questions, multi-line free text, quoted commas, blanks, resubmissions; bench/make_export.py) and
# compare with a bare csv-crate parse and `xsv frequency` of the same file, measured in the same run.
#
#   bench/run.sh [ROWS] [RESUBMIT]   # defaults 1000000 and 0.05; exports are cached in bench/data/
#   bench/run.sh 3000000 0.667       # 2M of the 3M rows are resubmissions
#   REPEAT=1 bench/run.sh 10000000   # one run per command instead of the best of 3
#
# Prints wall time (best of REPEAT, default 3), rows/s, MB/s and peak memory (max RSS) for each,
# and wenjuan summarize's time over xsv's on the question columns. Needs python3, GNU time
# (/usr/bin/time) and cargo; installs xsv into bench/.tools on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
RESUBMIT="${2:-0.05}"
REPEAT="${REPEAT:-3}"
if [ "$RESUBMIT" = "0.05" ]; then
  DATA="bench/data/export-${ROWS}.csv"
else
  DATA="bench/data/export-${ROWS}-resubmit-${RESUBMIT}.csv"
fi
mkdir -p bench/data bench/.tools

if [ ! -f "$DATA" ]; then
  python3 bench/make_export.py --rows "$ROWS" --resubmit "$RESUBMIT" --out "$DATA"
fi
cargo build --release --quiet
cargo build --release --quiet --example bare_parse
XSV="$(command -v xsv || true)"
if [ -z "$XSV" ]; then
  XSV=bench/.tools/bin/xsv
  [ -x "$XSV" ] || cargo install --quiet xsv --root bench/.tools
fi

BYTES=$(stat -c %s "$DATA")
COLUMNS=$(head -1 "$DATA" | tr ',' '\n' | wc -l)
# The question columns: everything after the six metadata columns.
QUESTIONS="7-${COLUMNS}"

measure() { # name, command...
  local name="$1"; shift
  local best="" rss=""
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -o bench/data/.time -f "%e %M" "$@" > /dev/null 2>&1 || true
    local out t m
    out=$(tail -1 bench/data/.time)
    t=${out% *} m=${out#* }
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; rss=$m; fi
  done
  awk -v n="$name" -v t="$best" -v m="$rss" -v rows="$ROWS" -v bytes="$BYTES" 'BEGIN{
    printf "| %-44s | %7.2f s | %10.0f | %7.0f | %6.0f MB |\n", n, t, rows/t, bytes/t/1e6, m/1024 }'
  LAST=$best
}

echo "export: $DATA — $ROWS rows ($RESUBMIT resubmitted), $COLUMNS columns, $((BYTES / 1000000)) MB; $(nproc) cores"
echo
echo "| command                                      |    time   |   rows/s   |   MB/s  | peak mem  |"
echo "|----------------------------------------------|-----------|------------|---------|-----------|"
measure "bare csv-crate parse (1 thread)" target/release/examples/bare_parse "$DATA"
measure "xsv frequency --limit 0 -s $QUESTIONS (questions)" "$XSV" frequency --limit 0 -s "$QUESTIONS" "$DATA"
XSV_TIME=$LAST
measure "wenjuan summarize (infer + figures + audit)" target/release/wenjuan summarize "$DATA"
SUMMARIZE_TIME=$LAST
measure "wenjuan check" target/release/wenjuan check "$DATA"
echo
awk -v w="$SUMMARIZE_TIME" -v x="$XSV_TIME" 'BEGIN{ printf "wenjuan summarize / xsv frequency (question columns): %.2f\n", w/x }'
