#!/usr/bin/env bash
# Set up and run the bot: the console demo on the example plan when no TELEGRAM_BOT_TOKEN is
# set (in .env or the environment), Telegram long polling when it is.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/hoinghi run "$@"
