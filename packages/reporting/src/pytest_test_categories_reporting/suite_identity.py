"""The name a report gives its suite, so reports of one suite's CI shards can be merged and others refused.

Shards of one suite run different tests (``-k``, paths, ``--splits``), on different machines,
with different worker counts: nothing about the command line is shared. What they share is the
project: the name of the rootdir and the config file pytest found in it. A team that checks out
into differently named folders, or runs two suites from one config, names the suite itself.
"""

from __future__ import annotations

import os

import pytest

from pytest_test_categories_core import ini_text, option_group

SUITE_OPTION = "--test-size-suite-name"
SUITE_INI = "test_categories_suite_name"
EXAMPLE = "'backend'"

_SUITE_KEY = pytest.StashKey[str]()


def register(parser: pytest.Parser) -> None:
    option_group(parser).addoption(
        SUITE_OPTION,
        dest="test_size_suite_name",
        default=None,
        metavar="NAME",
        help="the suite's name in the JSON report, which report merge compares across CI shards "
        "(default: the rootdir's name and the config file, e.g. 'shop/pyproject.toml')",
    )
    parser.addini(
        SUITE_INI,
        "the suite's name in the JSON report (default: the rootdir's name and the config file)",
        default="",
    )


def resolve_suite(config: pytest.Config) -> str:
    """The suite's name, validated (a usage error at start-up), kept in the config's stash."""
    given = config.getoption("test_size_suite_name", None)
    if given is not None:
        name = checked_name(str(given), SUITE_OPTION)
    else:
        text = ini_text(config, SUITE_INI, example=EXAMPLE)
        name = checked_name(text, f"ini option {SUITE_INI}") if text else default_suite(config)
    config.stash[_SUITE_KEY] = name
    return name


def suite_of(config: pytest.Config) -> str:
    """The name ``resolve_suite`` found (resolving it now if it has not run)."""
    name = config.stash.get(_SUITE_KEY, None)
    return name if name is not None else resolve_suite(config)


def checked_name(given: str, where: str) -> str:
    name = given.strip()
    if not name:
        raise pytest.UsageError(f"{where}: an empty suite name; give a name, for example {EXAMPLE}")
    if "\n" in name or "\r" in name:
        raise pytest.UsageError(
            f"{where}: {given!r} spans several lines; give a one-line name, for example {EXAMPLE}"
        )
    return name


def default_suite(config: pytest.Config) -> str:
    """``shop/pyproject.toml``: the rootdir's name and the config file's path inside it.

    Without a config file, the rootdir's name alone. A config file outside the rootdir
    (``-c ../ci/pytest.ini``) is named by its file name only: its folder differs per machine.
    """
    root = config.rootpath
    inifile = config.inipath
    if inifile is None:
        return root.name or str(root)
    try:
        inside = inifile.relative_to(root).as_posix()
    except ValueError:
        inside = os.path.basename(inifile)
    return f"{root.name}/{inside}" if root.name else inside
