"""`python -m bot` and the `hoinghi` command: the collector lenient while the process starts
(bot/collector.py), until the bot has started (bot/app.py) or the command line is read for the
other commands (bot/cli)."""

from bot import collector


def launch() -> int:
    collector.starting()
    from bot.cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(launch())
