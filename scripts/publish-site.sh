#!/usr/bin/env bash
# Checks and builds the site for publishing; the steps CI runs (.github/workflows/site.yml),
# kept here so they can be run and tested locally.
#
# Environment:
#   SITE_BASE_URL  the URL the site is served from, e.g. https://org.github.io/repo/ (required)
#   SITE_ROOT      the folder holding site.toml (default: the current folder)
#   SITE_OUTPUT    where to write the site (default: $SITE_ROOT/public)
#   GONGBO         the gongbo binary (default: gongbo on PATH)
#   CHECK_FORMAT   human, json or github (default: github when GITHUB_ACTIONS is set, else human)
set -euo pipefail

: "${SITE_BASE_URL:?set SITE_BASE_URL to the address the site is published at}"
root="${SITE_ROOT:-.}"
output="${SITE_OUTPUT:-$root/public}"
gongbo="${GONGBO:-gongbo}"
if [ -n "${GITHUB_ACTIONS:-}" ]; then
  format="${CHECK_FORMAT:-github}"
else
  format="${CHECK_FORMAT:-human}"
fi

"$gongbo" check --root "$root" --format "$format"
"$gongbo" build --root "$root" --output "$output" --base-url "$SITE_BASE_URL"
test -f "$output/index.html"
echo "published site ready in $output for $SITE_BASE_URL"
