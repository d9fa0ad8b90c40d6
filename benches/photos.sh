#!/usr/bin/env bash
# Photo benchmark (issue 15): 50 generated 4000×3000 camera JPEGs through gongbo::photo.
#
#   benches/photos.sh [N]            (default 50)
#
# 1. builds benches/photos.rs with the bench profile (= release), once;
# 2. generates N photos into target/photo-bench/site/content/photos (kept between runs;
#    the same bytes on every machine);
# 3. empties the cache (.gongbo/photos) and runs the photo stage three times, each in a
#    new process as a build would: first (empty cache), second and third (manifest +
#    cache; photos changed less than 2 s before a run are hashed once more), then once
#    after touching every file, as a CI cache restore leaves them;
# 4. prints the derivative sizes, and those of real photographs when
#    /usr/share/backgrounds/mate/nature exists (Debian's mate-backgrounds);
# 5. whole builds (benches/photo_site.py, with target/release/gongbo): 10 bilingual
#    releases showing the 50 photos against the same releases without photos — first
#    build (empty cache), second build (nothing changed), a new output folder with the
#    cache kept, and after a CI cache restore (new stamps);
# 6. what a browser downloads for the lead photo and the gallery, as a 390 px phone and a
#    1280 px desktop (benches/photo_phone.mjs: headless Chromium through playwright-core
#    from tests/browser, `cd tests/browser && npm ci`);
# 7. with PHOTO_AVIF=1, compares AVIF with WebP (benches/photo_avif.py; needs a venv
#    with pillow and numpy at $PHOTO_PY, default /tmp/photo-py).
#
# Environment: PHOTO_BENCH_DIR (default target/photo-bench).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-50}
DIR=${PHOTO_BENCH_DIR:-$REPO/target/photo-bench}
REAL=/usr/share/backgrounds/mate/nature

cd "$REPO"
cargo bench --bench photos --no-run >/dev/null 2>&1 || cargo bench --bench photos --no-run
BIN=$(cargo bench --bench photos --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "photos":
        print(m["executable"])')

"$BIN" gen "$DIR" "$N"
rm -rf "$DIR/site/.gongbo"
sync
for run in first second third; do
  printf '%-6s ' "$run"
  "$BIN" run "$DIR"
done
# What a CI run sees after restoring the cache: every file has a new stamp, so the
# sources are hashed and the cached files checked against their hashes; nothing is made.
find "$DIR/site" -type f -exec touch {} +
printf '%-6s ' "touched"
"$BIN" run "$DIR"
printf 'cache: %s\n' "$(du -sh "$DIR/site/.gongbo/photos" | cut -f1)"
printf 'sources: %s\n' "$(du -sh "$DIR/site/content/photos" | cut -f1)"
if [ -d "$REAL" ]; then
  "$BIN" sizes "$DIR" "$REAL"
else
  "$BIN" sizes "$DIR"
fi
cargo build --release --bin gongbo
python3 benches/photo_site.py target/release/gongbo "$DIR"
node benches/photo_phone.mjs "$DIR/outs/with"
if [ "${PHOTO_AVIF:-0}" = 1 ]; then
  PY=${PHOTO_PY:-/tmp/photo-py}/bin/python
  photos=$(ls "$DIR"/site/content/photos/p0[0-3].jpg)
  [ -d "$REAL" ] && photos="$photos $REAL/Dune.jpg $REAL/RainDrops.jpg $REAL/TwoWings.jpg $REAL/Blinds.jpg"
  # shellcheck disable=SC2086
  "$PY" benches/photo_avif.py $photos
fi
