"""A broken time limit is no expected failure: the family's rule (see ``core.xfail_guard``)."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import fail_even_under_xfail
from pytest_test_categories_timing.errors import TimeLimitExceeded, TimeLimitReached

# unittest keeps the stop raised in the test as the test's failure, so the report may carry either
_STOPS = (TimeLimitExceeded, TimeLimitReached)


def _stopped(item: pytest.Item, call: pytest.CallInfo[None]) -> bool:
    return call.excinfo is not None and call.excinfo.errisinstance(_STOPS)


def ensure_strict_xfail_guard(pluginmanager: pytest.PytestPluginManager) -> None:
    fail_even_under_xfail(pluginmanager, _stopped)
