#!/usr/bin/env bash
# Build the self-contained folder and check that the frozen app really works: it renders its
# window offscreen (and, on Linux, in French: its translations are found), processes a photo
# with the local engine (sky, and declutter with a mask), and asks the contract server
# (tests/iacrea_server.py) for the credits. Any error, a missing output or a Python traceback
# fails the script. Run it before every release-like change.
#   --no-build          test the folder already in dist/SkyClear/
#   SMOKE_PYTHON=...    a Python with the test extras, for the contract server (.venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
[[ "${1:-}" == "--no-build" ]] && build=0

case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*) app=dist/SkyClear/skyclear-cli.exe; py_default=.venv/Scripts/python ;;
  Darwin*) app=dist/SkyClear/SkyClear; py_default=.venv/bin/python ;;
  *) app=dist/SkyClear/SkyClear; py_default=.venv/bin/python ;;
esac
python=${SMOKE_PYTHON:-$py_default}
work=$(mktemp -d)
cleanup() {
  exec 3>&-  # the contract server, if started, stops
  rm -rf "$work"
}
trap cleanup EXIT
export DESKTOP_APP_HOME="$work/home" QT_QPA_PLATFORM=offscreen
unset IACREA_API_KEY IACREA_USER_ID IACREA_BASE_URL DESKTOP_APP_UPLOAD_URL

started=$SECONDS
step() { printf '[%4ds] %s\n' $((SECONDS - started)) "$*"; }
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }
# Run the frozen app; stderr kept, and a traceback anywhere is a failure.
run_app() {
  local log="$work/stderr.txt"
  if ! "$app" "$@" 2>"$log"; then
    cat "$log" >&2
    fail "$app $* exited with an error"
  fi
  if grep -q "Traceback (most recent call last)" "$log"; then
    cat "$log" >&2
    fail "$app $* printed a traceback"
  fi
}

if (( build )); then
  step "building the folder"
  bash packaging/build-app.sh --no-archive
fi
[[ -x $app ]] || fail "$app is missing; build it first"
step "folder: $(du -sh dist/SkyClear | cut -f1)"

step "window, rendered offscreen with the demo photo"
run_app --screenshot "$work/window.png" --demo --state compare
[[ -s $work/window.png ]] || fail "no screenshot was written"

# Qt takes the language from LANG only on Linux: elsewhere the step is left to this one
if [[ $(uname -s) == Linux* ]]; then
  step "the window in French: the folder carries its translation and Qt's own"
  for qm in skyclear_fr.qm qtbase_fr.qm; do
    [[ -n $(find dist/SkyClear -name "$qm" -print -quit) ]] || fail "$qm is not in the folder"
  done
  LC_ALL= LANGUAGE= LANG=en_US.UTF-8 run_app --screenshot "$work/en.png" --demo --state empty
  LC_ALL= LANGUAGE= LANG=fr_FR.UTF-8 run_app --screenshot "$work/fr.png" --demo --state empty
  if cmp -s "$work/en.png" "$work/fr.png"; then
    fail "the window asked for French looks exactly like the English one: no translation loaded"
  fi
fi

step "Interior sky with the local engine"
run_app process tests/data/dining-room-windows-blown-out-01.jpg --service sky --engine local \
  --out "$work/sky" --quiet
ls "$work/sky"/*.* >/dev/null 2>&1 || fail "the sky job wrote no result"

step "Declutter with the local engine and a mask"
"$python" - "$work/mask.png" <<'EOF'
import sys
from PIL import Image, ImageDraw
with Image.open("tests/data/living-room-cluttered-01.jpg") as photo:
    mask = Image.new("L", photo.size, 0)
ImageDraw.Draw(mask).rectangle((mask.width // 3, mask.height // 2,
                                mask.width // 2, mask.height * 3 // 4), fill=255)
mask.save(sys.argv[1])
EOF
run_app process tests/data/living-room-cluttered-01.jpg --service declutter --engine local \
  --mask "$work/mask.png" --out "$work/declutter" --quiet
ls "$work/declutter"/*.* >/dev/null 2>&1 || fail "the declutter job wrote no result"

step "credits from the contract server"
# The server runs until its standard input closes: fd 3, closed when this script ends.
exec 3> >(PYTHONPATH=tests exec "$python" -m iacrea_server --credits 7 > "$work/server.json")
for _ in $(seq 100); do [[ -s $work/server.json ]] && break; sleep 0.1; done
[[ -s $work/server.json ]] || fail "the contract server did not start"
eval "$("$python" - "$work/server.json" <<'EOF'
import json, shlex, sys
info = json.load(open(sys.argv[1]))
print(f"export IACREA_BASE_URL={shlex.quote(info['url'])} "
      f"IACREA_API_KEY={shlex.quote(info['api_key'])} "
      f"IACREA_USER_ID={shlex.quote(info['user_id'])}")
EOF
)"
run_app credits --json > "$work/credits.json"
"$python" - "$work/credits.json" <<'EOF' || fail "credits: $(cat "$work/credits.json")"
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
assert lines and lines[-1].get("total") == 7, lines
EOF

step "all passed"
