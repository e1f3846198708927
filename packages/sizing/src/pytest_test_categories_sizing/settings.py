"""The sizing plugin's options: whether to observe, where to write the suggestions, the time margin."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from pytest_test_categories_core import option_group

SUGGEST_OPTION = "--test-size-suggest"
FILE_OPTION = "--test-size-suggest-file"
MARGIN_OPTION = "--test-size-suggest-margin"
DEFAULT_FILE = "test-size-suggestions.json"
# A test must fit its size's limit twice over: CI machines are slower and busier than the one
# the observation ran on, and a test at 60 % of its limit here fails now and then there.
DEFAULT_MARGIN = 2.0


@dataclass(frozen=True, slots=True)
class SizingSettings:
    path: Path
    margin: float


def register(parser: pytest.Parser) -> None:
    group = option_group(parser)
    group.addoption(
        SUGGEST_OPTION,
        action="store_true",
        dest="test_size_suggest",
        default=False,
        help="observe what each test does (network, files, subprocesses, sleep, time) without blocking "
        "anything, and write the size each test should have",
    )
    group.addoption(
        FILE_OPTION,
        dest="test_size_suggest_file",
        default=None,
        metavar="PATH",
        help=f"where --test-size-suggest writes its suggestions (default: {DEFAULT_FILE} in the rootdir)",
    )
    group.addoption(
        MARGIN_OPTION,
        dest="test_size_suggest_margin",
        default=None,
        metavar="FACTOR",
        help="a test's size must allow its observed time times this factor "
        f"(default: {DEFAULT_MARGIN:g}, so a test fits a size it takes at most half the limit of)",
    )


def resolve(config: pytest.Config) -> SizingSettings:
    """The settings in force; a bad margin or an unwritable file is a usage error, before any test runs."""
    raw_margin = config.getoption("test_size_suggest_margin", None)
    margin = DEFAULT_MARGIN if raw_margin is None else _margin(str(raw_margin))
    given = config.getoption("test_size_suggest_file", None)
    path = Path(given) if given else config.rootpath / DEFAULT_FILE
    if not path.is_absolute():
        path = Path(config.invocation_params.dir) / path
    if path.is_dir():
        raise pytest.UsageError(f"{FILE_OPTION}: {given} is a directory; give the path of a file to write")
    if not path.parent.is_dir():
        raise pytest.UsageError(
            f"{FILE_OPTION}: the folder {path.parent} does not exist; create it or give another path"
        )
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise pytest.UsageError(f"{FILE_OPTION}: {path} is not writable; give a path you may write to")
    return SizingSettings(path=path, margin=margin)


def _margin(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 1:
        raise pytest.UsageError(
            f"{MARGIN_OPTION}: invalid value {raw!r}; give a number of 1 or more "
            f"(1: no margin; default {DEFAULT_MARGIN:g})"
        )
    return value
