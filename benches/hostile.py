#!/usr/bin/env python3
"""Hostile-input benchmark for gongbo (issue 13, point 5: bounded work).

    benches/hostile.py [CASE ...]          (default: every case)

Builds target/release/gongbo (or uses $GONGBO_BIN), then for each case writes a site:
the repository's tests/fixtures/build/basic with a copy of themes/ and one hostile
release (or folder), runs `gongbo build` on it with a time limit, and prints one line:
the case, the source size, the exit status, the wall time, the peak memory (GNU time,
where installed) and the first diagnostic about the hostile file. A case fails when the
build takes longer than its bound, is killed by a signal (an abort on allocation), or
ends otherwise than the case expects (a located error, or a build with a warning).
Exit status 1 if any case failed. The numbers are in benches/README.md.

Environment: GONGBO_BIN (default target/release/gongbo, built with cargo), HOSTILE_BOUND
(seconds per case, default 20), HOSTILE_DIR (default target/hostile; each case's site
is removed after its run).
"""

import os
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAD = "---\ntitle: 공격\ndate: 2023-01-01\n---\n"
BOUND = float(os.environ.get("HOSTILE_BOUND", "20"))
WORK = os.environ.get("HOSTILE_DIR", os.path.join(REPO, "target", "hostile"))


def code(lang, line, lines=1):
    return f"```{lang}\n" + (line + "\n") * lines + "```\n"


def lcg_text(n, seed):
    x, out = seed, []
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        out.append(chr(32 + (x >> 16) % 95))
    return "".join(out).replace("`", "'")


# name -> (body, expectation): "ok" builds (maybe with warnings), "error" fails with a
# located error about the hostile file, "warn" builds with a W010 warning.
def cases():
    c = {}
    # One long line of code in the slowest grammars (minutes before the bounds).
    for lang, unit in [
        ("markdown", "*_`[]()<>{}#|=+-:;'\",.!?/\\"),
        ("textile", "*_`[]()<>{}#|=+-:;'\",.!?/\\"),
        ("ocaml", '"a" (x) $ '),
        ("makefile", lcg_text(200, 39595)),
        ("java", "lorem ipsum dolor "),
        ("cs", "a"),
        ("js", "a.b"),
        ("yaml", "*_`[]()<>{}#|=+-:;'\",.!?/\\"),
    ]:
        # 300 KB: over the block limit; 30 KB: under it, over the line limit.
        for size in (300_000, 30_000):
            line = (unit * (size // len(unit) + 1))[:size]
            c[f"code-{size // 1000}k-{lang}"] = (code(lang, line), "warn")
    # Many lines just under each grammar's limit, in many blocks: the body budget.
    c["code-many-java"] = ((code("java", ("lorem ipsum dolor " * 9)[:159], 200) + "\n") * 20, "warn")
    c["code-many-rust"] = ((code("rust", "let x = (y + 1) * f(z); " * 40, 30) + "\n") * 40, "warn")
    c["makefile-lines"] = (code("makefile", lcg_text(200, 39595), 2000), "warn")
    # Tables: a wide header over short rows (the allocation abort), many such tables.
    c["table-wide"] = ("|" + "a|" * 50_000 + "\n|" + "-|" * 50_000 + "\n" + "|x|\n" * 50_000, "error")
    t = "|" + "a|" * 900 + "\n|" + "-|" * 900 + "\n" + "x\n" * 260 + "\n"
    c["tables-many"] = (t * 200, "error")
    # Nesting, delimiters, references, headings, long lines.
    c["deep-quote"] = (">" * 100_000 + " 깊다\n", "error")
    c["deep-list"] = ("- " * 50_000 + "깊다\n", "error")
    c["deep-html"] = ("<div><blockquote>" * 30_000 + "깊다\n", "error")
    c["emphasis"] = ("*a **b " * 400_000, "ok")
    c["emphasis-under"] = ("_a " * 1_000_000, "ok")
    c["brackets"] = ("[a](" * 600_000, "ok")
    c["link-refs"] = ("".join(f"[l{i}]: /u{i}\n" for i in range(100_000)) + "".join(f"[l{i}] " for i in range(100_000)), "ok")
    c["footnote-refs"] = ("[^a] " * 600_000 + "\n\n[^a]: x\n", "error")
    c["footnotes-many"] = ("".join(f"[^{i}] " for i in range(60_000)) + "\n\n" + "".join(f"[^{i}]: n\n" for i in range(60_000)), "ok")
    c["headings-same"] = ("## 같은 제목\n" * 100_000, "ok")
    c["headings-gb"] = ("## gb-toc\n" * 10, "ok")
    c["long-line"] = ("가나다 " * 380_000 + "\n", "ok")
    c["entities"] = ("ab&amp;cd " * 380_000, "ok")
    c["middle-dots"] = ("광주·전남 " * 250_000, "ok")
    c["broken-links"] = ("[x](@/releases/none.ko.md) " * 140_000, "error")
    c["bad-urls"] = ("[x](javascript:a) " * 200_000, "ok")
    c["tasks"] = ("- [ ] 할 일\n" * 250_000, "ok")
    c["html-attr"] = ('<a title="' + "x" * 3_500_000 + '">t</a>\n', "ok")
    c["html-unclosed"] = ("x<a>y\n\n" * 400_000, "ok")
    return c


def site(name, body):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(os.path.join(REPO, "tests/fixtures/build/basic"), d)
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(d, "themes"))
    with open(os.path.join(d, "content/releases/hostile.ko.md"), "w", encoding="utf-8") as f:
        f.write(HEAD + body)
    return d


def static_link_site(name, target):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(os.path.join(REPO, "tests/fixtures/build/basic"), d)
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(d, "themes"))
    os.symlink(target, os.path.join(d, "static"))
    return d


def run(binary, name, d, expect, size):
    time_bin = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    cmd = ([time_bin, "-f", "maxrss=%M"] if time_bin else []) + [binary, "build", "--root", d]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764000000")
    started = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=BOUND * 3, env=env)
        rc, err = p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        rc, err = None, ""
    took = time.monotonic() - started
    rss = next((l[7:] for l in err.splitlines() if l.startswith("maxrss=")), "")
    rss_mb = f"{int(rss) / 1024:.0f} MB" if rss.isdigit() else "-"
    first = next((l for l in err.splitlines() if "hostile.ko.md" in l or l.startswith("static")), "")
    ok = rc is not None and took <= BOUND
    if expect == "error":
        ok = ok and rc == 1 and first != ""
    elif expect == "warn":
        ok = ok and rc == 0 and "warning[W010]" in first
    else:
        ok = ok and rc in (0, 1)
    status = "ok  " if ok else "FAIL"
    rc_s = "timeout" if rc is None else str(rc)
    print(f"{status} {name:18} {size / 1e6:5.2f} MB  exit {rc_s:7} {took:6.2f} s  {rss_mb:>7}  {first[:110]}", flush=True)
    return ok


def main():
    binary = os.environ.get("GONGBO_BIN")
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        binary = os.path.join(REPO, "target/release/gongbo")
    os.makedirs(WORK, exist_ok=True)
    wanted = set(sys.argv[1:])
    all_ok = True
    for name, (body, expect) in cases().items():
        if wanted and name not in wanted:
            continue
        d = site(name, body)
        all_ok &= run(binary, name, d, expect, len(body.encode()))
        shutil.rmtree(d, ignore_errors=True)
    for name, target in [("static-root", "/"), ("static-etc", "/etc")]:
        if wanted and name not in wanted:
            continue
        d = static_link_site(name, target)
        all_ok &= run(binary, name, d, "error", 0)
        shutil.rmtree(d, ignore_errors=True)
    print("all cases within their bounds" if all_ok else "some cases failed", flush=True)
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
