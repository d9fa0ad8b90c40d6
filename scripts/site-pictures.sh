#!/usr/bin/env bash
# Draws the demo site's press pictures into content/images/ (examples/site_pictures.rs:
# rendered views and diagrams made from the releases' facts, no copied photos). The
# output is the same on every machine; run it again after changing the drawing code.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --example site_pictures -- content/images
