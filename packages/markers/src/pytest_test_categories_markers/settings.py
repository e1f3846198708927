"""The markers plugin's settings, resolved and validated once in ``pytest_configure``."""

from __future__ import annotations

import enum
from dataclasses import dataclass

import pytest

from pytest_test_categories_core import (
    SIZE_NAMES,
    ChoiceSetting,
    TestSize,
    ini_text,
    option_group,
    size_for_setting,
)
from pytest_test_categories_markers.paths import SIZE_PATHS_INI, PathRule, parse_path_rules
from pytest_test_categories_markers.selection import TEST_SIZE_OPTION, parse_size_selection

DEFAULT_SIZE_INI = "test_categories_default_size"


class UnsizedPolicy(enum.Enum):
    """What happens to a test that has no size."""

    IGNORE = "ignore"
    NOTICE = "notice"
    WARN = "warn"
    ERROR = "error"


UNSIZED = ChoiceSetting(
    cli=None,
    ini="test_categories_unsized",
    choices=UnsizedPolicy,
    default=UnsizedPolicy.NOTICE,
    help="what to do with tests that have no size marker",
)


@dataclass(frozen=True, slots=True)
class MarkerSettings:
    unsized: UnsizedPolicy
    default_size: TestSize | None
    path_rules: tuple[PathRule, ...]
    selected_sizes: frozenset[TestSize] | None


SETTINGS_KEY = pytest.StashKey[MarkerSettings]()


def register(parser: pytest.Parser) -> None:
    UNSIZED.register(parser)
    parser.addini(
        DEFAULT_SIZE_INI, f"size given to tests without a marker or path rule ({SIZE_NAMES})", default=""
    )
    parser.addini(
        SIZE_PATHS_INI,
        "lines of 'glob = size' giving unmarked tests a size by file, e.g. 'tests/unit/* = small'",
        type="linelist",
        default=[],
    )
    option_group(parser).addoption(
        TEST_SIZE_OPTION,
        action="append",
        dest="test_size",
        default=None,
        metavar="SIZES",
        help="run only tests of these sizes, comma-separated (e.g. small,medium)",
    )


def resolve(config: pytest.Config) -> MarkerSettings:
    default_name = ini_text(config, DEFAULT_SIZE_INI, example="'small'").strip()
    default_size = None
    if default_name:
        default_size = size_for_setting(default_name, f"ini option {DEFAULT_SIZE_INI}")
    requested = config.getoption("test_size", None)
    settings = MarkerSettings(
        unsized=UNSIZED.resolve(config),
        default_size=default_size,
        path_rules=parse_path_rules(list(config.getini(SIZE_PATHS_INI))),
        selected_sizes=parse_size_selection(",".join(requested) if requested else None),
    )
    config.stash[SETTINGS_KEY] = settings
    return settings
