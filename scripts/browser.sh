#!/usr/bin/env bash
# Print the path of Debian's Chromium for the dashboard's browser tests, installing it first
# (as root, through apt-get) when the machine has none. Playwright drives this browser: its own
# browser downloads are not used. Prints nothing when no browser can be had (the tests fail).
set -euo pipefail
found=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$found" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "browser.sh: installing Debian's chromium for the browser tests" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq chromium fonts-dejavu-core >&2 || true
    found=$(command -v chromium || true)
fi
echo "$found"
