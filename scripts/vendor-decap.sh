#!/bin/sh
# Re-creates vendor/decap-cms/ from the npm package decap-cms, pinned by version and by
# the registry's integrity hash of its tarball; run from the repository's root:
#
#   sh scripts/vendor-decap.sh
#
# Every file of the package's dist/ except the source maps and the second copy of the
# bundle (cms.js, cms.*.js: the same code under an older name) is stored gzip-compressed
# (gzip -9 -n: no name or time, so the same input gives the same bytes) and listed in
# vendor/decap-cms/MANIFEST with the SHA-384 of its uncompressed bytes, the value of the
# `integrity` attribute that pins the bundle in the editor page (src/cms/admin.rs).
# build.rs embeds the files; a test checks every one against MANIFEST. To upgrade, change
# VERSION and INTEGRITY (npm view decap-cms@VERSION dist.integrity), run this, read the
# package's changelog and licence (the package carries none: vendor/decap-cms/LICENSE is
# the repository's, github.com/decaporg/decap-cms), and run the browser test
# (tests/cms_browser.rs).
set -eu

VERSION=3.16.3
INTEGRITY=sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==

out=vendor/decap-cms
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

npm pack --silent --pack-destination "$tmp" "decap-cms@$VERSION" >/dev/null
tgz="$tmp/decap-cms-$VERSION.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | openssl base64 -A)"
if [ "$got" != "$INTEGRITY" ]; then
    echo "the tarball's hash $got is not the pinned $INTEGRITY" >&2
    exit 1
fi
tar xzf "$tgz" -C "$tmp"

mkdir -p "$out"
rm -f "$out"/*.gz "$out/MANIFEST"
{
    echo "# decap-cms $VERSION from the npm registry ($INTEGRITY), MIT licence (LICENSE)."
    echo "# One line per file of dist/: the SHA-384 of its bytes (SRI form), its name."
    echo "version $VERSION"
} >"$out/MANIFEST"
(cd "$tmp/package/dist" && ls) | LC_ALL=C sort | while read -r name; do
    case "$name" in
    *.map | cms.js | cms.js.LICENSE.txt | [0-9]*.cms.js) continue ;;
    esac
    f="$tmp/package/dist/$name"
    sri="sha384-$(openssl dgst -sha384 -binary "$f" | openssl base64 -A)"
    gzip -9 -n -c "$f" >"$out/$name.gz"
    echo "$sri $name" >>"$out/MANIFEST"
done
echo "vendored decap-cms $VERSION into $out ($(ls "$out" | wc -l) files)"
