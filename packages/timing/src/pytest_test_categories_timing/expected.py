"""A time limit broken in strict mode fails the test even when the test is marked ``xfail``.

pytest counts any exception in a test marked ``xfail`` as the expected failure, so a test
stopped at its limit would turn into a quiet XFAIL, and a strict xfail that ran over its limit
into a green one. The size's promise is not what the mark expects to fail: the same rule as
isolation's for its violations.

The hook wrapper costs something on every test, so it is registered only when a test of the run
first ends in ``TimeLimitExceeded``; runs in which every test keeps its limit never pay for it.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest

from pytest_test_categories_core.plugin import register_once
from pytest_test_categories_timing.errors import TimeLimitExceeded, TimeLimitReached

GUARD_NAME = "test_categories_timing_strict_xfail"
# unittest keeps the stop raised in the test as the test's failure, so the report may carry either
_STOPS = (TimeLimitExceeded, TimeLimitReached)


class StrictLimitGuard:
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        excinfo = call.excinfo
        if hasattr(report, "wasxfail") and excinfo is not None and excinfo.errisinstance(_STOPS):
            del report.wasxfail
            report.outcome = "failed"
        return report


def ensure_strict_xfail_guard(pluginmanager: pytest.PytestPluginManager) -> None:
    register_once(pluginmanager, GUARD_NAME, StrictLimitGuard)
