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
exec .venv/bin/otop-pos "$@"
