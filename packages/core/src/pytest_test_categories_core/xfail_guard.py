"""A broken promise of a test's size is no expected failure: one guard for the whole family.

pytest counts any exception in a test marked ``xfail`` as the expected failure. A test stopped
at its time limit, one that broke its size's isolation, or a fixture of ours used the wrong way
would then turn into a quiet XFAIL (and a strict xfail that would have passed into a green
one): the mark expects the test's own failure, not these.

Each part adds the question it asks of a report with ``fail_even_under_xfail``. The hook wrapper
costs something on every test, so it is registered only when a part first needs it (its first
violation of the run, say); runs that never need it never pay for it.
"""

from __future__ import annotations

from collections.abc import Callable, Generator

import pytest

Check = Callable[[pytest.Item, "pytest.CallInfo[None]"], bool]

GUARD_NAME = "test_categories_not_expected"


class NotExpected:
    """Turns an xfail report back into a failure when one of the parts' checks says so."""

    def __init__(self) -> None:
        self.checks: list[Check] = []

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if hasattr(report, "wasxfail") and any(check(item, call) for check in self.checks):
            del report.wasxfail
            report.outcome = "failed"
        return report


def fail_even_under_xfail(pluginmanager: pytest.PytestPluginManager, check: Check) -> None:
    """From now on, a report ``check`` answers True for fails, even if the test is marked xfail.

    ``check`` should be a module-level function: it is added once, however often this is called.
    """
    guard = pluginmanager.get_plugin(GUARD_NAME)
    if guard is None:
        if pluginmanager.is_blocked(GUARD_NAME):
            return
        guard = NotExpected()
        pluginmanager.register(guard, GUARD_NAME)
    if check not in guard.checks:
        guard.checks.append(check)
