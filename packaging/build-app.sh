#!/usr/bin/env bash
# Build dist/SkyClear/ (run dist/SkyClear/SkyClear) with PyInstaller, from a clean virtualenv
# so that nothing of a development install leaks into the bundle, then pack it as
# dist/SkyClear-<platform>.tar.xz (a .zip on Windows). Takes a few minutes.
#   --no-archive   build the folder only
#   --pack-only    pack the folder already built
set -euo pipefail
cd "$(dirname "$0")/.."
build=1 archive=1
case "${1:-}" in
  --no-archive) archive=0 ;;
  --pack-only) build=0 ;;
esac

case "$(uname -s)" in
  Linux*) platform=linux; bin=bin ;;
  Darwin*) platform=macos; bin=bin ;;
  MINGW*|MSYS*|CYGWIN*) platform=windows; bin=Scripts ;;
  *) platform=$(uname -s); bin=bin ;;
esac
python=${PYTHON:-python3}
if (( build )); then
  [[ -x build/venv/$bin/python || -x build/venv/$bin/python.exe ]] || "$python" -m venv build/venv
  build/venv/$bin/python -m pip install -q . "pyinstaller>=6.5,<7"
  build/venv/$bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
    --workpath build/pyinstaller packaging/skyclear.spec
  if [[ $platform == linux ]]; then
    build/venv/bin/python packaging/strip_libs.py dist/SkyClear/_internal
  fi
  echo "Built dist/SkyClear/ ($(du -sh dist/SkyClear | cut -f1))"
fi
[[ -d dist/SkyClear ]] || { echo "dist/SkyClear/ is missing: build it first" >&2; exit 1; }

if (( archive )); then
  rm -f "dist/SkyClear-$platform".*
  if [[ $platform == windows ]]; then
    (cd dist && 7z a -tzip -mx=9 -bso0 "SkyClear-$platform.zip" SkyClear)
  else
    tar -C dist -cf - SkyClear | xz -T0 -6 > "dist/SkyClear-$platform.tar.xz"
  fi
  echo "Packed $(ls dist/SkyClear-"$platform".*) ($(du -sh dist/SkyClear-"$platform".* | cut -f1))"
fi
