"""The family's one console script, ``pytest-test-categories``, and its subcommands.

Core owns the script because every part installs core; each part adds its own subcommands
through the ``pytest_test_categories.commands`` entry-point group, so core names none of them.
An entry point's value is a function that takes argparse's subparsers object, adds its
subcommand and sets ``run`` on it: a callable from the parsed arguments to an exit status.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from typing import Any

COMMANDS_GROUP = "pytest_test_categories.commands"
PROG = "pytest-test-categories"

#: What a subcommand's ``run`` returns: the process's exit status.
Run = Callable[[argparse.Namespace], int]

#: Exit status of a command given bad input (a missing file, a bad option), as pytest uses it.
USAGE_ERROR = 2


class CommandError(Exception):
    """Bad input to a command: printed as one line on stderr, exit status 2 (usage error)."""


def build_parser() -> argparse.ArgumentParser:
    """The parser with every installed part's subcommands."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Commands of the pytest-test-categories plugins.",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for entry in sorted(entry_points(group=COMMANDS_GROUP), key=lambda e: e.name):
        add_command: Callable[[Any], None] = entry.load()
        add_command(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand and return its exit status; bad input is one line and status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Run | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(sys.stderr)
        return USAGE_ERROR
    try:
        return run(args)
    except CommandError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return USAGE_ERROR


def console_script() -> None:
    """The ``pytest-test-categories`` entry point."""
    sys.exit(main())
