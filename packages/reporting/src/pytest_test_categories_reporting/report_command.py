"""``pytest-test-categories report ...``: the reporting package's commands, under one name.

Registered through the ``pytest_test_categories.commands`` entry-point group of the family's
console script (core owns the script; each part adds its commands).
"""

from __future__ import annotations

import argparse
import sys

from pytest_test_categories_core import USAGE_ERROR
from pytest_test_categories_reporting.merge_command import add_merge


def add_report_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("report", help="work with test size reports (merge CI shards' reports)")
    commands = parser.add_subparsers(title="report commands", metavar="COMMAND")
    add_merge(commands)

    def show_commands(args: argparse.Namespace) -> int:
        """``report`` alone: its commands, as a usage error (a subcommand's own ``run`` replaces this)."""
        parser.print_help(sys.stderr)
        return USAGE_ERROR

    parser.set_defaults(run=show_commands)
