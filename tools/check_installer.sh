#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller and run its self-test on a fresh demo store.
set -euo pipefail
cd "$(dirname "$0")/.."
OTOP_POS_EXTRAS=test,installer bash tools/setup.sh
.venv/bin/pyinstaller build_installer.spec --noconfirm --log-level WARN
home=$(mktemp -d)
OTOP_POS_HOME="$home" QT_QPA_PLATFORM=offscreen dist/otop-pos/otop-pos --self-test
du -sh dist/otop-pos
