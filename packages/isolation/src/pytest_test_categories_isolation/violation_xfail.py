"""Strict mode: an isolation violation is no expected failure (the family's rule, ``core.xfail_guard``).

In warn mode the test's outcome is its own; only strict mode adds this check, from the run's
first violation on.
"""

from __future__ import annotations

import pytest

from pytest_test_categories_core import fail_even_under_xfail
from pytest_test_categories_isolation.log import LOG_KEY


def _violated(item: pytest.Item, call: pytest.CallInfo[None]) -> bool:
    log = item.stash.get(LOG_KEY, None)
    return log is not None and log.in_phase(call.when)


def ensure_strict_xfail_guard(pluginmanager: pytest.PytestPluginManager) -> None:
    fail_even_under_xfail(pluginmanager, _violated)
