"""A `hoinghi` subcommand whose --help is in Vietnamese, then in English."""

from __future__ import annotations

import argparse
from typing import TypeAlias

from bot.catalog import t

# argparse's class is generic only for type checkers: the alias stays a string at run time
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def bilingual_command(
    commands: Subcommands, name: str, help_key: str, description_key: str
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=t(help_key),
        description=t(description_key),
        epilog=t(description_key, "en"),
    )
