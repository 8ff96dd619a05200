#!/usr/bin/env bash
# Qt needs a few shared libraries even offscreen (EGL, fontconfig, xkbcommon, D-Bus); with
# --desktop also those of its X11 (xcb) window plugin, for showing the window on a screen.
# Debian/Ubuntu only; installs what is missing and does nothing when all are there.
set -euo pipefail
command -v dpkg-query >/dev/null || exit 0  # not Debian/Ubuntu: Qt's wheels bring what they need
libs=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0)
if [ "${1:-}" = "--desktop" ]; then
  libs+=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
         libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0)
fi
missing=()
for pkg in "${libs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
