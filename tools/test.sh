#!/usr/bin/env bash
# Set up, then run everything CI runs: lint, types, layer contracts and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
export QT_QPA_PLATFORM=offscreen
# bytecode is written (__pycache__ is git-ignored): every Python the tests start (the CLI, the
# shop server, child pytests) reuses it instead of compiling the project's modules again
echo "== ruff";          .venv/bin/ruff check .
echo "== mypy";          .venv/bin/mypy
echo "== import-linter"; .venv/bin/lint-imports
echo "== pytest"
set +e
# one worker per core, a test file kept in one worker (its module fixtures: a browser, a server);
# the slowest tests are listed: the suite has a 10-minute budget
.venv/bin/python -m pytest -n auto --dist loadfile --durations=15 "$@"
rc=$?
set -e
if [ $rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi
exit $rc
