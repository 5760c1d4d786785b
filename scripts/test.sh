#!/usr/bin/env bash
# Set up and run every check: ruff, mypy (strict on bot/, handlers/, storage/), the import
# contracts (handlers and storage know no platform) and the whole pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports
exec .venv/bin/python -m pytest "$@"
