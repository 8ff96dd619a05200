#!/usr/bin/env bash
# Build dist/SkyClear/ (run dist/SkyClear/SkyClear) with PyInstaller, from a clean virtualenv
# so that nothing of a development install leaks into the bundle. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv build/venv
build/venv/bin/pip install -q . "pyinstaller>=6.5"
build/venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  packaging/skyclear.spec
echo "Built dist/SkyClear/SkyClear"
