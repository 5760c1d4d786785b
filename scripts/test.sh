#!/usr/bin/env bash
# Set up and run every check: ruff, mypy (strict on bot/, handlers/, storage/), the import
# contracts (handlers and storage know no platform; the layers, from the command line down to
# the domain), the guides' strict build (mkdocs) and the whole pytest suite. The dashboard's
# browser tests and the printed delegates' guide use Debian's chromium, found or installed by
# scripts/browser.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/mkdocs build --strict --site-dir "$(mktemp -d)"
HOINGHI_CHROMIUM=${HOINGHI_CHROMIUM:-$(scripts/browser.sh)}
export HOINGHI_CHROMIUM
exec .venv/bin/python -m pytest "$@"
