#!/usr/bin/env python3
"""Whole-build photo benchmark (issue 15, point 6), run by benches/photos.sh.

    python3 benches/photo_site.py GONGBO_BINARY BENCH_DIR [RUNS]

BENCH_DIR/site/content/photos holds the generated camera photos (p00.jpg … from
`photos gen`: 4000 x 3000 JPEGs with GPS, a serial number and an orientation tag).
This script writes two sites that differ only in their photos:

  BENCH_DIR/sites/with     10 bilingual releases, each with 5 of the photos in `photos:`
                           (a lead photo and a gallery of 4: 50 photos, every one shown)
  BENCH_DIR/sites/without  the same releases without `photos:`

and times `gongbo build` on each, every run a new process, as an editor or CI runs it:

  first      with: an empty photo cache (.gongbo/ removed), a new output folder
  second     nothing changed since the last build of that site (kept state, same output)
  fresh      a new output folder, the photo cache kept (every copy copied again)
  restored   a new output folder after `touch`ing every source and cache file (what a
             CI run sees after actions/cache restored .gongbo/photos: new stamps)

A second build's cost of the photos is `second(with) - second(without)`. Python's
standard library only; wall time from time.perf_counter, CPU time and peak RSS from
resource.getrusage(RUSAGE_CHILDREN) of each run. Prints a table and writes
BENCH_DIR/site-results.json (read by benches/photo_phone.mjs's caller).
"""

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

RELEASES = 10
PER_RELEASE = 5
EPOCH = "1764000000"  # 2025-11-24, as benches/bench.sh

SITE_TOML = """base_url = "https://bench.example.org/"
timezone = "Asia/Seoul"
theme = "default"
releases_per_page = 20

[languages.ko]
title = "사진 벤치마크시"
description = "보도사진 벤치마크"

[languages.en]
title = "Photo Bench City"
description = "Press photo benchmark"

[organization]
url = "https://city.example.org/"
name = { ko = "벤치마크시", en = "Bench City" }
"""

TAGS = """- slug: photos
  ko: 사진
  en: Photos
"""


def release(i, lang, photos):
    day = 1 + i
    if lang == "ko":
        title = f"사진 벤치마크 보도자료 {i + 1}"
        body = (f"벤치마크시가 {i + 1}번째 행사를 열었다. 행사에는 시민과 관계자가 참석했다.\n\n"
                "## 주요 내용\n\n행사의 주요 내용은 다음과 같다.\n\n- 첫째 내용\n- 둘째 내용\n")
    else:
        title = f"Photo benchmark release {i + 1}"
        body = (f"Bench City held its event number {i + 1}, attended by citizens and officials.\n\n"
                "## Main points\n\nThe main points were as follows.\n\n- the first point\n- the second point\n")
    fm = [
        "---",
        f'title: "{title}"',
        f"date: 2025-10-{day:02d}T10:00",
        "tags: [photos]",
    ]
    if photos:
        fm.append("photos:")
        for k in range(PER_RELEASE):
            n = i * PER_RELEASE + k
            if lang == "ko":
                alt = f"행사장 {n + 1}번 구역에서 참석자들이 무대를 바라보고 서 있는 모습"
                caption = f"{i + 1}번째 행사의 {k + 1}번째 장면"
            else:
                alt = f"People standing in area {n + 1} of the venue, facing the stage"
                caption = f"Scene {k + 1} of event {i + 1}"
            fm += [f"  - src: images/p{n:02d}.jpg", f'    alt: "{alt}"', f'    caption: "{caption}"']
            if k == 0:
                fm.append("    lead: true")
    fm.append("---")
    return "\n".join(fm) + "\n" + body


def write_site(root, sources, photos):
    if root.exists():
        shutil.rmtree(root)
    (root / "content/releases").mkdir(parents=True)
    (root / "site.toml").write_text(SITE_TOML)
    (root / "content/tags.yaml").write_text(TAGS)
    for i in range(RELEASES):
        for lang in ("ko", "en"):
            (root / f"content/releases/r{i:02d}.{lang}.md").write_text(release(i, lang, photos))
    if photos:
        (root / "content/images").mkdir()
        for i in range(RELEASES * PER_RELEASE):
            src = sources / f"p{i:02d}.jpg"
            dst = root / f"content/images/p{i:02d}.jpg"
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)


def run(binary, root, out, timings=False):
    """One `gongbo build`: wall seconds, CPU seconds, peak RSS MiB, its summary line
    (and its `--timings` lines, if asked)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    subprocess.run(["sync"], check=False)
    start = time.perf_counter()
    args = [binary, "build", "--root", str(root), "--output", str(out)]
    p = subprocess.run(args + (["--timings"] if timings else []),
                       env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"gongbo build failed for {root}:\n{p.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = [line for line in p.stderr.splitlines() if line.startswith("built ")]
    if timings:
        print("\n".join(line for line in p.stderr.splitlines() if line.startswith("timing:")))
    return wall, cpu, after.ru_maxrss / 1024, summary[-1] if summary else ""


def touch_all(folder):
    for dirpath, _, files in os.walk(folder):
        for f in files:
            os.utime(os.path.join(dirpath, f))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary = str(Path(sys.argv[1]).resolve())
    bench = Path(sys.argv[2]).resolve()
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    sources = bench / "site/content/photos"
    if len(list(sources.glob("p*.jpg"))) < RELEASES * PER_RELEASE:
        sys.exit(f"{sources} needs {RELEASES * PER_RELEASE} photos: run `photos gen` first")
    sites = bench / "sites"
    outs = bench / "outs"
    if outs.exists():
        shutil.rmtree(outs)
    outs.mkdir(parents=True)
    with_site, without_site = sites / "with", sites / "without"
    write_site(with_site, sources, True)
    write_site(without_site, sources, False)

    results = {}

    def record(name, timings):
        best = min(timings, key=lambda t: t[0])
        results[name] = {"wall": best[0], "cpu": best[1], "rss": max(t[2] for t in timings),
                         "summary": best[3], "runs": [round(t[0], 4) for t in timings]}

    # Without photos: a first build, then second builds into the same output.
    record("without first", [run(binary, without_site, outs / "without")])
    record("without second", [run(binary, without_site, outs / "without") for _ in range(runs)])
    record("without fresh", [run(binary, without_site, outs / f"without-fresh-{k}") for k in range(runs)])

    # With photos: an empty cache first.
    shutil.rmtree(with_site / ".gongbo", ignore_errors=True)
    # Its stages: the pages are made while the photos are encoded beside them, so
    # "plan" and "render+search" take what they take without photos, and the build then
    # waits for the copies ("photos (made beside)").
    print("first build with photos, an empty cache:")
    record("with first", [run(binary, with_site, outs / "with", timings=True)])
    record("with second", [run(binary, with_site, outs / "with") for _ in range(runs)])
    record("with fresh", [run(binary, with_site, outs / f"with-fresh-{k}") for k in range(runs)])
    timings = []
    for k in range(runs):
        touch_all(with_site)
        timings.append(run(binary, with_site, outs / f"with-restored-{k}"))
    record("with restored", timings)

    out_with = outs / "with"
    copies = sorted((out_with / "photos/images").glob("*"))
    results["files"] = {
        "copies": len(copies),
        "copy bytes": sum(f.stat().st_size for f in copies),
        "originals bytes": sum(f.stat().st_size for f in (out_with / "images").glob("*.jpg")),
        "sources bytes": sum(f.stat().st_size for f in sources.glob("p*.jpg")),
    }
    (bench / "site-results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))

    print(f"{'build':<28} {'wall s':>9} {'CPU s':>8} {'peak MiB':>9}  runs")
    for name in ["without first", "without second", "without fresh",
                 "with first", "with second", "with fresh", "with restored"]:
        r = results[name]
        print(f"{name:<28} {r['wall']:>9.3f} {r['cpu']:>8.2f} {r['rss']:>9.0f}  {r['runs']}")
    add = results["with second"]["wall"] - results["without second"]["wall"]
    add_fresh = results["with fresh"]["wall"] - results["without fresh"]["wall"]
    print(f"a second build with {RELEASES * PER_RELEASE} photos adds {add * 1000:.0f} ms "
          f"(target < 50 ms); into a new output folder with the cache kept, {add_fresh * 1000:.0f} ms")
    f = results["files"]
    print(f"sources {f['sources bytes'] / 1e6:.1f} MB; published originals (stripped) "
          f"{f['originals bytes'] / 1e6:.1f} MB; {f['copies']} copies {f['copy bytes'] / 1e6:.1f} MB")
    print(f"output: {out_with}")


if __name__ == "__main__":
    main()
