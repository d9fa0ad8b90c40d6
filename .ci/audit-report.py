#!/usr/bin/env python3
"""Reads cargo-audit's JSON report (argv[1]) and fails (exit 1) on any vulnerability,
unsound or yanked crate, and on an unmaintained crate whose advisory id the plan document
(argv[2], docs/dependencies.md) does not mention. Run by .ci/audit."""
import json, sys

report_path, doc_path = sys.argv[1], sys.argv[2]
try:
    with open(report_path) as f:
        report = json.load(f)
except ValueError:
    sys.exit("audit: cargo-audit gave no report (see its messages above)")
doc = open(doc_path, encoding="utf-8").read()

def line(w):
    a, p = w.get("advisory") or {}, w["package"]
    what = a.get("id") or w.get("kind", "")
    title = a.get("title") or ""
    return f"{p['name']} {p['version']}: {what} {title}".rstrip()

failures = []
for v in report["vulnerabilities"]["list"]:
    patched = ", ".join(v["versions"]["patched"]) or "none yet"
    failures.append(f"vulnerable: {line(v)} (fixed in {patched}; {v['advisory']['url']})")
unmaintained = []
for kind, found in sorted(report.get("warnings", {}).items()):
    for w in found:
        if kind == "unmaintained":
            unmaintained.append(line(w))
            if w["advisory"]["id"] not in doc:
                failures.append(
                    f"unmaintained and not listed with a plan in {doc_path}: {line(w)}"
                )
        elif kind == "notice":
            print(f"audit: notice: {line(w)}", file=sys.stderr)
        else:
            failures.append(f"{kind}: {line(w)}")
for u in unmaintained:
    if not any(u in f for f in failures):
        print(f"audit: unmaintained, planned for in {doc_path}: {u}", file=sys.stderr)
crates = report["lockfile"]["dependency-count"]
if failures:
    for f in failures:
        print(f"audit: FAIL: {f}", file=sys.stderr)
    sys.exit(f"audit: {len(failures)} problem(s) in {crates} crates")
print(
    f"audit: no vulnerability in {crates} crates; {len(unmaintained)} unmaintained, each listed",
    file=sys.stderr,
)
