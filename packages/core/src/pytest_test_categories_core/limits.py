"""The time limit of each size: defaults, the shared ini option, and its validation.

The core owns this setting because more than one plugin needs it: markers checks a
``timeout=`` budget against it, timing enforces it, reporting shows how close tests came.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pytest

from pytest_test_categories_core.settings import format_size_numbers, ini_text, parse_size_numbers
from pytest_test_categories_core.sizes import DEFAULT_TIME_LIMITS, TestSize

TIME_LIMITS_INI = "test_categories_time_limits"
_TIME_LIMITS_KEY = pytest.StashKey[Mapping[TestSize, float]]()


def register_time_limits(parser: pytest.Parser) -> None:
    parser.addini(
        TIME_LIMITS_INI,
        "time limit in seconds per size, e.g. 'small=1 medium=300 large=900 xlarge=900' "
        "(sizes left out keep their default)",
        default="",
    )


def resolve_time_limits(config: pytest.Config) -> Mapping[TestSize, float]:
    """Read, validate and remember the limits; a bad value is a ``pytest.UsageError``."""
    source = f"ini option {TIME_LIMITS_INI}"
    given = parse_size_numbers(ini_text(config, TIME_LIMITS_INI, example="'small=1 medium=300'"), source)
    limits = {**DEFAULT_TIME_LIMITS, **given}
    ordered = [limits[size] for size in TestSize]
    if ordered != sorted(ordered):
        raise pytest.UsageError(
            f"{source}: limits must not shrink as sizes grow "
            f"(small <= medium <= large <= xlarge); in force would be {format_size_numbers(limits)}"
        )
    frozen = MappingProxyType(limits)
    config.stash[_TIME_LIMITS_KEY] = frozen
    return frozen


def time_limits(config: pytest.Config) -> Mapping[TestSize, float]:
    """The limits in force for this run."""
    try:
        return config.stash[_TIME_LIMITS_KEY]
    except KeyError:
        return resolve_time_limits(config)


def time_limit_for(config: pytest.Config, size: TestSize) -> float:
    return time_limits(config)[size]
