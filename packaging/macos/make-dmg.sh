#!/usr/bin/env bash
# Put dist/SkyClear.app (built by packaging/build-app.sh on a Mac) into dist/SkyClear-macos.dmg,
# a compressed disk image with a link to /Applications for drag-and-drop installing.
# NOT YET RUN on a Mac: written from hdiutil's manual; the GitHub workflow runs it on a macOS
# runner ("macOS app and disk image - not yet run"). The app is not signed or notarised, so
# Gatekeeper asks the user to confirm the first start (right-click > Open).
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -d dist/SkyClear.app ]] || { echo "dist/SkyClear.app is missing: run packaging/build-app.sh" >&2; exit 1; }
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R dist/SkyClear.app "$stage/"
ln -s /Applications "$stage/Applications"
rm -f dist/SkyClear-macos.dmg
hdiutil create -volname SkyClear -srcfolder "$stage" -fs HFS+ -format UDZO -ov \
  dist/SkyClear-macos.dmg
echo "Packed dist/SkyClear-macos.dmg ($(du -sh dist/SkyClear-macos.dmg | cut -f1))"
