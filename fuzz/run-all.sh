#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600) and reports the crashes found, after
# replaying the inputs that crashed before (fuzz/regressions/) to say which still do.
#
#   fuzz/run-all.sh [SECONDS] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). It works with the stable toolchain through
# RUSTC_BOOTSTRAP=1 (set here unless already set). Each target starts from the committed seeds in
# fuzz/seeds/<target>/ and keeps what it finds in fuzz/corpus/<target>/ (not committed); crashes,
# timeouts and out-of-memory inputs land in fuzz/artifacts/<target>/. A panic, abort, hang (more
# than 10 s on one input) or more than 2 GB of memory is a bug; an Err is not.
# Extra libFuzzer flags can be passed in FUZZ_FLAGS, e.g. FUZZ_FLAGS="-fork=1 -ignore_crashes=1"
# to keep going past a crash, and cargo-fuzz build flags in FUZZ_BUILD_FLAGS, e.g.
# FUZZ_BUILD_FLAGS="-O --target-dir target-O" to build without overflow checks (as a release build
# runs) or "-s none" for speed without AddressSanitizer. FUZZ_NO_INIT_CHECK=1 leaves out the
# check that `init`'s output reads back. CI does not run this.
set -u
cd "$(dirname "$0")"

seconds=${1:-600}
shift || true
if ! [ "$seconds" -ge 1 ] 2>/dev/null; then
    echo "usage: fuzz/run-all.sh [SECONDS >= 1] [TARGET...]" >&2
    exit 2
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(csv_ingest xlsx_ingest definition)
fi
export RUSTC_BOOTSTRAP=${RUSTC_BOOTSTRAP:-1}

# shellcheck disable=SC2086
if ! cargo fuzz build ${FUZZ_BUILD_FLAGS:-}; then
    echo "run-all: could not build the fuzz targets" >&2
    exit 2
fi

status=0
summary=()

# The inputs that crashed before (fuzz/regressions/): which of them still do.
replay_dir=$(mktemp -d)
trap 'rm -rf "$replay_dir"' EXIT
for target in "${targets[@]}"; do
    for input in regressions/"$target"/*; do
        [ -f "$input" ] || continue
        # shellcheck disable=SC2086
        if cargo fuzz run ${FUZZ_BUILD_FLAGS:-} "$target" "$input" -- -rss_limit_mb=2048 \
            -timeout=10 -artifact_prefix="$replay_dir/" >"$replay_dir/log" 2>&1; then
            summary+=("fixed:       fuzz/$input")
        else
            why=$(grep -a -m1 -A1 -E '^(thread .* panicked|==[0-9]+==ERROR)' "$replay_dir/log" |
                sed 's/^thread .* panicked at //; s|^/.*/registry/src/[^/]*/||' | tr '\n' ' ' | cut -c1-160)
            summary+=("still fails: fuzz/$input: $why")
            status=1
        fi
    done
done

for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target" logs
    before=$(find "artifacts/$target" -type f | sort)
    log="logs/$target.log"
    echo "== $target for ${seconds}s (log: fuzz/$log)"
    # shellcheck disable=SC2086
    cargo fuzz run ${FUZZ_BUILD_FLAGS:-} "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -dict="dicts/$target.dict" -print_final_stats=1 ${FUZZ_FLAGS:-} \
        >"$log" 2>&1
    rc=$?
    after=$(find "artifacts/$target" -type f | sort)
    new=$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')
    runs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    # With -fork there are no final stats: the last status line has the count.
    [ -n "$runs" ] || runs=$(grep -ao '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    speed=$(grep -ao 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    [ -n "$speed" ] || speed=$(( ${runs:-0} / (seconds > 0 ? seconds : 1) ))
    line="$target: exit $rc, ${runs:-?} runs, ${speed:-?} exec/s"
    if [ -n "$new" ]; then
        status=1
        line="$line, NEW ARTIFACTS:"$'\n'"$(echo "$new" | sed 's/^/    fuzz\//')"
        grep -a -m1 -A12 -E '^(thread .* panicked|==[0-9]+==ERROR)' "$log" | sed 's/^/      /' || true
    elif [ $rc -ne 0 ]; then
        status=1
        line="$line (failed without an artifact: see fuzz/$log)"
    fi
    summary+=("$line")
done

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "Minimise a crash: RUSTC_BOOTSTRAP=1 cargo fuzz tmin TARGET fuzz/artifacts/TARGET/crash-…"
exit $status
