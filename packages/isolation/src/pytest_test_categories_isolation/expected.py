"""Strict mode: an isolation violation fails a test even when the test is marked ``xfail``.

pytest counts any exception in a test marked ``xfail`` as the expected failure, so without this
a violation would turn into a quiet XFAIL (and a strict xfail that would have passed into a
green one). The size's promise is not what the mark expects to fail.

The hook wrapper costs something on every test, so it is registered only after the first
violation of the run (see ``IsolationRunner``); runs without violations never pay for it.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest

from pytest_test_categories_isolation.log import LOG_KEY

GUARD_NAME = "test_categories_isolation_strict_xfail"


class StrictViolationGuard:
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if hasattr(report, "wasxfail"):
            log = item.stash.get(LOG_KEY, None)
            if log is not None and log.in_phase(call.when):
                del report.wasxfail
                report.outcome = "failed"
        return report
