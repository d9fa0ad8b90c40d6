#!/usr/bin/env bash
# Build-time benchmark for gongbo.
#
#   benches/bench.sh [N ...]        (default: 1000 10000)
#
# Builds target/release/gongbo once, then for each N: generates (or reuses) a
# synthetic site of N bilingual releases under target/bench-corpus/N, runs
# `gongbo build` on it BENCH_RUNS times (default 3) and prints a table of
# N, HTML pages written, best wall time, pages per second and peak RSS.
#
# Environment: BENCH_RUNS (default 3), BENCH_SEED (default 20251124),
# BENCH_OUTPUT (folder the sites are built into; default target/bench-corpus/out).
#
# Every run builds into a folder of its own that no earlier run used, and the disk is
# synced (untimed) between runs, so a run measures gongbo and not the write-back or
# the deletion of the run before it. See benches/README.md ("Output folder").
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN="$REPO/benches/gen_corpus.py"
BIN="$REPO/target/release/gongbo"
CORPUS_ROOT="$REPO/target/bench-corpus"
RUNS=${BENCH_RUNS:-3}
OUT_ROOT=${BENCH_OUTPUT:-$CORPUS_ROOT/out}
SEED=${BENCH_SEED:-20251124}
export SOURCE_DATE_EPOCH=1764000000

if [ "$#" -eq 0 ]; then
    set -- 1000 10000
fi
for n in "$@"; do
    case "$n" in
        '' | *[!0-9]*) echo "bench.sh: N must be a non-negative integer, got '$n'" >&2; exit 2 ;;
    esac
done
case "$RUNS" in
    '' | *[!0-9]* | 0) echo "bench.sh: BENCH_RUNS must be a positive integer" >&2; exit 2 ;;
esac

log() { printf '%s\n' "$*" >&2; }

# --- build ------------------------------------------------------------------
log "==> cargo build --release"
# Built without SOURCE_DATE_EPOCH: the `cc` crate tells Cargo to rebuild the C libraries
# (mimalloc, libwebp, oniguruma), and so gongbo, whenever that variable changes.
(cd "$REPO" && env -u SOURCE_DATE_EPOCH cargo build --release)
[ -x "$BIN" ] || { log "bench.sh: $BIN was not built"; exit 1; }

# --- timer ------------------------------------------------------------------
# measure LOG CMD...: runs CMD with stdout+stderr to LOG and prints
# "<wall seconds> <max RSS KiB>". Returns CMD's exit status.
TIMEFILE=$(mktemp)
trap 'rm -f "$TIMEFILE"' EXIT
if [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' -o "$TIMEFILE" true >/dev/null 2>&1; then
    TIMER="/usr/bin/time -f '%e %M'"
    measure() {
        local out=$1 rc=0
        shift
        /usr/bin/time -f '%e %M' -o "$TIMEFILE" "$@" >"$out" 2>&1 || rc=$?
        # On failure GNU time writes "Command exited with non-zero status N" first.
        tail -n 1 "$TIMEFILE"
        return "$rc"
    }
else
    TIMER="python3 resource.getrusage(RUSAGE_CHILDREN)"
    RUNNER='
import resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
with open(out, "wb") as f:
    t0 = time.perf_counter()
    rc = subprocess.call(cmd, stdout=f, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":  # bytes there, KiB on Linux
    rss //= 1024
print("%.2f %d" % (wall, rss))
sys.exit(rc)
'
    measure() {
        python3 -c "$RUNNER" "$@"
    }
fi

# --- corpus -----------------------------------------------------------------
# A cached corpus is reused only if it was made by this generator with this seed.
GEN_HASH=$(python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest()[:16])' "$GEN")
STAMP="seed=$SEED generator=$GEN_HASH"

corpus() {
    local n=$1 dir="$CORPUS_ROOT/$1" stamp="$CORPUS_ROOT/$1.stamp" tmp
    if [ -d "$dir" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$STAMP" ]; then
        log "==> N=$n: reusing $dir"
    else
        mkdir -p "$CORPUS_ROOT"
        tmp=$(mktemp -d "$CORPUS_ROOT/.tmp-$n.XXXXXX")
        log "==> N=$n: generating corpus (seed $SEED)"
        if ! python3 "$GEN" "$n" "$tmp/site" --seed "$SEED" >&2; then
            rm -rf "$tmp"
            return 1
        fi
        rm -rf "$dir" "$stamp"
        mv "$tmp/site" "$dir"
        rmdir "$tmp"
        printf '%s\n' "$STAMP" >"$stamp"
    fi
    # The corpus has no themes/ of its own: it builds with the theme built into gongbo.
    # A themes link left by an older bench.sh would now override it file by file.
    if [ -L "$dir/themes" ]; then
        rm "$dir/themes"
    fi
}

# --- output folders ------------------------------------------------------------
# The outputs of the previous invocation are removed here, not at its end, and the
# runs then wait until the file system would hand out the freed inodes again: ext4
# without a journal (as on some CI machines) skips inodes deleted in the last minute
# when it creates files, which makes creating 28,000 files right after deleting as
# many several times slower (seen with `perf record -a`: `recently_deleted`).
mkdir -p "$OUT_ROOT"
if [ -n "$(ls -A "$OUT_ROOT")" ]; then
    log "==> removing the previous outputs in $OUT_ROOT"
    rm -rf "${OUT_ROOT:?}"/*
    sync
    log "    waiting 61 s so the file system reuses their inodes without a search"
    sleep 61
fi
FS_TYPE=$(stat -f -c %T "$OUT_ROOT" 2>/dev/null || echo unknown)

# --- runs -------------------------------------------------------------------
log "==> timer: $TIMER; runs per size: $RUNS; SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"
log "==> output: $OUT_ROOT ($FS_TYPE)"
ROWS=()
for n in "$@"; do
    corpus "$n"
    dir="$CORPUS_ROOT/$n"
    runlog="$CORPUS_ROOT/build-$n.log"
    best="" peak=0 out=""
    for run in $(seq 1 "$RUNS"); do
        out="$OUT_ROOT/$n-run$run"
        # Write-back of the corpus or of the previous run is not this run's work.
        sync
        if ! res=$(measure "$runlog" "$BIN" build --root "$dir" --output "$out"); then
            log "bench.sh: gongbo build failed for N=$n (run $run); last lines of $runlog:"
            tail -n 30 "$runlog" >&2
            exit 1
        fi
        read -r wall rss <<<"$res"
        log "    run $run: ${wall}s, max RSS ${rss} KiB"
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$wall
        fi
        if [ "$rss" -gt "$peak" ]; then
            peak=$rss
        fi
    done
    pages=$(find "$out" -name '*.html' | wc -l | tr -d ' ')
    ROWS+=("$n $pages $best $peak")
done

printf '\n%8s %8s %10s %10s %14s\n' "N" "pages" "best s" "pages/s" "peak RSS MiB"
for row in "${ROWS[@]}"; do
    read -r n pages best peak <<<"$row"
    awk -v n="$n" -v p="$pages" -v w="$best" -v k="$peak" 'BEGIN {
        rate = (w > 0) ? sprintf("%.0f", p / w) : "-"
        printf "%8d %8d %10.2f %10s %14.1f\n", n, p, w, rate, k / 1024
    }'
done
