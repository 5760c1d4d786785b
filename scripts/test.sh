#!/usr/bin/env bash
# Set up and run every check: ruff, mypy (strict on bot/, handlers/, storage/), the import
# contracts (handlers and storage know no platform; the layers, from the command line down to
# the domain), the guides' strict build (mkdocs) and the whole pytest suite. The dashboard's
# browser tests and the printed delegates' guide use Debian's chromium, found or installed by
# scripts/browser.sh. The storage and end-to-end tests (those of a database) run a second time
# on PostgreSQL, at the same time, in a throw-away cluster that scripts/postgres.sh starts (and
# installs Debian's postgresql for, when missing): a cluster that cannot start fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/mkdocs build --strict --site-dir "$(mktemp -d)"
HOINGHI_CHROMIUM=${HOINGHI_CHROMIUM:-$(scripts/browser.sh)}
export HOINGHI_CHROMIUM
pg_dir=$(mktemp -d)
trap 'scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
HOINGHI_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pg_dir")
export HOINGHI_TEST_POSTGRES_URL
pg_log="$pg_dir/pytest.log"
HOINGHI_TEST_BACKEND=postgresql .venv/bin/python -m pytest "$@" >"$pg_log" 2>&1 &
pg_pid=$!
sqlite_status=0
.venv/bin/python -m pytest "$@" || sqlite_status=$?
pg_status=0
wait "$pg_pid" || pg_status=$?
echo "--- the same tests of a database on PostgreSQL (HOINGHI_TEST_BACKEND=postgresql):"
cat "$pg_log"
[ "$sqlite_status" = 0 ] && [ "$pg_status" = 0 ]
