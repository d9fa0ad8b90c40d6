#!/usr/bin/env bash
# gongbo serve's own report of each rebuild, by stage, for in-place edits of one release.
#
#   benches/serve_stages.sh GONGBO SITE_ROOT [EDITS] [perf]
#
# Starts `GONGBO serve` on SITE_ROOT (a copy: one release is edited and put back), waits
# for the first build, then rewrites one release in place EDITS times (default 8), 1.5 s
# apart, appending a paragraph (`cat edited > file`: the same file, as an editor saves;
# `sed -i` or `perl -i` replace the file, which makes serve walk content/ again). Prints
# serve's line for each rebuild ("build N: … ms (load …, link …, …)"). With `perf` as
# the fourth argument, records the serve process meanwhile (`perf record -g --call-graph
# dwarf` into serve-stages.perf.data; use a build with
# CARGO_PROFILE_RELEASE_DEBUG=line-tables-only for names). PERF_CALL_GRAPH=fp records
# frame pointers instead (build with RUSTFLAGS=-Cforce-frame-pointers=yes): DWARF
# unwinding loses most of rayon's worker stacks. The server listens on 127.0.0.1 only
# and is stopped at the end.
set -euo pipefail

GONGBO=${1:?usage: serve_stages.sh GONGBO SITE_ROOT [EDITS] [perf]}
ROOT=${2:?usage: serve_stages.sh GONGBO SITE_ROOT [EDITS] [perf]}
EDITS=${3:-8}
PERF=${4:-}
case "$EDITS" in '' | *[!0-9]*) echo "EDITS must be a number" >&2; exit 1 ;; esac

files=("$ROOT"/content/releases/*.ko.md)
[ -e "${files[0]}" ] || { echo "no releases under $ROOT/content/releases" >&2; exit 1; }
F=${files[$(( ${#files[@]} / 4 ))]}
TMP=$(mktemp -d)
cp "$F" "$TMP/orig.md"
OUTLOG="$TMP/serve.out"

"$GONGBO" serve --root "$ROOT" --port 0 >"$OUTLOG" 2>&1 &
SERVE=$!
PERFPID=
cleanup() {
    cat "$TMP/orig.md" >"$F"
    # `|| true`: perf ends with a non-zero status on SIGINT, which under `set -e` ended
    # this function before the server was stopped (it went on rebuilding beside the
    # next measurement).
    [ -n "$PERFPID" ] && kill -INT "$PERFPID" 2>/dev/null && wait "$PERFPID" 2>/dev/null || true
    kill "$SERVE" 2>/dev/null && wait "$SERVE" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
    grep -q "127.0.0.1" "$OUTLOG" && break
    kill -0 "$SERVE" 2>/dev/null || { cat "$OUTLOG" >&2; exit 1; }
    sleep 1
done
grep -q "127.0.0.1" "$OUTLOG" || { echo "serve did not start in 300 s" >&2; exit 1; }
sleep 2
if [ "$PERF" = perf ]; then
    perf record -o serve-stages.perf.data -F 999 -g --call-graph "${PERF_CALL_GRAPH:-dwarf,16384}" -p "$SERVE" >/dev/null 2>&1 &
    PERFPID=$!
    sleep 1
fi
before=$(grep -c "^build " "$OUTLOG" || true)
for i in $(seq 1 "$EDITS"); do
    { cat "$TMP/orig.md"; printf '\n편집 %s 번째 문단.\n' "$i"; } >"$TMP/edit.md"
    cat "$TMP/edit.md" >"$F"
    sleep 1.5
done
grep "^build " "$OUTLOG" | tail -n +"$((before + 1))"
