#!/usr/bin/env bash
# Set up everything OTOP POS needs on a fresh Debian/Ubuntu machine: system libraries Qt
# needs (when run as root), a virtual environment in .venv, the app and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
EXTRAS=${OTOP_POS_EXTRAS:-test}

# Qt's own libraries come in the PySide6 wheel; these are the system ones a bare machine lacks.
# poppler-utils: pdftotext, the second independent reader of the PDFs' text layer in the tests
# (one more apt-get install when it is missing: 13-20 s measured, about 6.5 MB with its libraries)
SYSTEM_PKGS=(python3-venv libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libfreetype6 libglib2.0-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-randr0
  poppler-utils)
# the web shop's browser tests drive Debian's Chromium (Playwright is told its path; it never
# downloads a browser of its own)
if [[ ",${EXTRAS}," == *",test,"* ]]; then
  SYSTEM_PKGS+=(chromium)
fi

missing=()
if command -v dpkg >/dev/null 2>&1; then
  for pkg in "${SYSTEM_PKGS[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # a package a release does not have is skipped rather than failing the set-up
    for pkg in "${missing[@]}"; do
      apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 \
        || echo "setup: could not install $pkg (continuing)"
    done
  else
    echo "setup: missing system packages (run as root or: sudo apt-get install ${missing[*]})"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[${EXTRAS}]"
echo "setup: ready ($(.venv/bin/python --version))"
