#!/usr/bin/env bash
# Set up, then open the till on the demo store (SQLite in the user-data folder, demo catalogue
# on first start, receipts shown in a preview window instead of a printer).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "till: no screen here; opening the till offscreen to prove it starts (--self-test)."
  echo "till: on a desktop this command opens the window."
  QT_QPA_PLATFORM=offscreen exec .venv/bin/otop-pos --self-test "$@"
fi
# The window manager draws the windows' titles in the system's fonts: on a machine with no Thai
# font they show boxes, so the bundled font (OFL) is offered to the user's fontconfig.
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=th family 2>/dev/null)" ]; then
  fonts="${XDG_DATA_HOME:-$HOME/.local/share}/fonts/otop-pos"
  if mkdir -p "$fonts" && cp resources/fonts/*.ttf resources/fonts/OFL.txt "$fonts"/; then
    fc-cache "$fonts" >/dev/null 2>&1 || true
    echo "till: no Thai font on this machine; the bundled one is in $fonts for the window titles"
  fi
fi
exec .venv/bin/otop-pos "$@"
