"""The limit of fixtures wider than a test (class, module, package, session scope).

Such a fixture is set up once for many tests and is no one test's time, so it is not counted on
any test's clock: its set-up, and its teardown, each get this limit of their own.
"""

from __future__ import annotations

import math

import pytest

from pytest_test_categories_core import TestSize, ini_text, option_group, time_limits

FIXTURE_LIMIT_CLI = "--test-categories-fixture-limit"
FIXTURE_LIMIT_INI = "test_categories_fixture_limit"
_DEST = "test_categories_fixture_limit"
_HELP = (
    "seconds that the set-up, and the teardown, of a class-, module-, package- or session-scoped "
    "fixture may take before it is stopped (default: the xlarge limit)"
)


def register_fixture_limit(parser: pytest.Parser) -> None:
    option_group(parser).addoption(FIXTURE_LIMIT_CLI, dest=_DEST, default=None, metavar="SECONDS", help=_HELP)
    parser.addini(FIXTURE_LIMIT_INI, _HELP, default="")


def resolve_fixture_limit(config: pytest.Config) -> float:
    """The limit in force: command line over ini over the xlarge limit; a bad value is a usage error."""
    given = config.getoption(_DEST, None)
    if given is not None:
        return parse_seconds(str(given), FIXTURE_LIMIT_CLI)
    text = ini_text(config, FIXTURE_LIMIT_INI, example="'60'")
    if text.strip():
        return parse_seconds(text, f"ini option {FIXTURE_LIMIT_INI}")
    return time_limits(config)[TestSize.XLARGE]


def parse_seconds(raw: str, source: str) -> float:
    try:
        seconds = float(raw.strip())
    except ValueError:
        seconds = math.nan
    if not (seconds > 0 and math.isfinite(seconds)):
        raise pytest.UsageError(
            f"{source}: invalid value {raw!r}; allowed values: a positive number of seconds, for example 60"
        )
    return seconds
