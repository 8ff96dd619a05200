#!/usr/bin/env bash
# Linux: put SkyClear in the applications menu and in the file manager's "Open with" list, for
# the current user. Run after installing (it needs `desktop-app` from this checkout's .venv or
# on the PATH). Undo with: install-desktop-entry.sh --remove
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$apps/skyclear.desktop" "$icons/skyclear.svg"
  exit 0
fi
exe="$(command -v desktop-app || true)"
[ -x "$here/../.venv/bin/desktop-app" ] && exe="$(cd "$here/.." && pwd)/.venv/bin/desktop-app"
if [ -z "$exe" ]; then
  echo "desktop-app is not installed yet: run the install command from the README first." >&2
  exit 1
fi
mkdir -p "$apps" "$icons"
cp "$here/../resources/icons/app.svg" "$icons/skyclear.svg"
sed "s#^Exec=desktop-app#Exec=\"$exe\"#" "$here/skyclear.desktop" > "$apps/skyclear.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
echo "SkyClear is in the applications menu."
