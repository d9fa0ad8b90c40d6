#!/bin/sh
# Measures how Decap CMS and Sveltia CMS take Korean typed through an input method, in
# headless Chromium (tests/browser/ime-compare.mjs; the result is in docs/cms.md). Fetches
# both bundles from the npm registry into a temporary folder; needs node, npm and
# tests/browser/node_modules (cd tests/browser && npm ci). Run from the repository root:
#
#   sh scripts/cms-ime-compare.sh
set -eu

DECAP=decap-cms@3.16.3
SVELTIA=@sveltia/cms@0.221.1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$DECAP" "$SVELTIA" >/dev/null)
mkdir "$tmp/decap" "$tmp/sveltia" "$tmp/bundles"
tar xzf "$tmp"/decap-cms-*.tgz -C "$tmp/decap"
tar xzf "$tmp"/sveltia-cms-*.tgz -C "$tmp/sveltia"
cp "$tmp"/decap/package/dist/*decap-cms.js "$tmp"/decap/package/dist/*.wasm "$tmp/bundles/"
cp "$tmp/sveltia/package/dist/sveltia-cms.js" "$tmp/bundles/"
echo "$DECAP and $SVELTIA, $(${CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null || echo chromium)"
node tests/browser/ime-compare.mjs "$tmp/bundles"
