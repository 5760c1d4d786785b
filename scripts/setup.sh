#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install the project with the given extras, once per change
# of pyproject.toml. Used by run.sh and test.sh; not meant to be called alone.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
python=$(command -v python3.11 || command -v python3)
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
stamp=".venv/.installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
    touch "$stamp"
fi
# Our modules' bytecode, at every run (quick when nothing changed): the service cannot write
# beside the code (deploy/hoinghi.service: ProtectSystem=strict), and without it each start
# compiles some 150 modules again, a third of the start-up (bench/RESULTS.md).
.venv/bin/python -m compileall -q bot handlers storage dashboard
