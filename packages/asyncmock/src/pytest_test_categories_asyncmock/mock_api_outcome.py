"""Fail a passing test whose mock_api router saw a swallowed unmatched request or an uncalled route.

Routes registered while the test was set up (by fixtures) are judged after the fixtures' teardown,
by the ``mock_api`` fixture itself: a fixture may register a route for its own teardown.

A fixture used the wrong way (a bad marker argument, a missing companion plugin) fails its test,
and an ``xfail`` mark must not turn that into the expected failure: a typo would go unseen.

This hook costs something on every test, so it is registered only when ``mock_api`` is first used
(by the plugin or by a conftest that imported the fixture); tests of a suite that never uses
``mock_api`` never pay for it.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, NoReturn

import pytest

from pytest_test_categories_core import fail_even_under_xfail, register_once

if TYPE_CHECKING:
    from pytest_test_categories_asyncmock.routing import ApiRouter

ROUTER_KEY: pytest.StashKey[ApiRouter] = pytest.StashKey()
MISUSED_KEY = pytest.StashKey[bool]()
GUARD_NAME = "test_categories_asyncmock_outcome"


class MockApiOutcome:
    """Judges the call phase of tests that used ``mock_api``, before their fixtures are torn down."""

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        router = item.stash.get(ROUTER_KEY, None)
        if router is None:
            return report
        if call.when == "setup":
            router.routes_from_setup = len(router.routes)
        # A test that failed, errored, skipped or is expected to fail keeps its own outcome: no
        # second complaint about routes it never reached.
        elif call.when == "call" and report.passed and not hasattr(report, "wasxfail"):
            problems = router.problems_of_passed_test()
            if problems is not None:
                report.outcome = "failed"
                report.longrepr = problems
        return report


def ensure_outcome_guard(pluginmanager: pytest.PytestPluginManager) -> None:
    register_once(pluginmanager, GUARD_NAME, MockApiOutcome)


def fail_misuse(request: pytest.FixtureRequest, problem: str) -> NoReturn:
    """Fail the test of a fixture used the wrong way, whether or not it is marked ``xfail``."""
    request.node.stash[MISUSED_KEY] = True
    fail_even_under_xfail(request.config.pluginmanager, _misused)
    pytest.fail(f"{request.node.nodeid}: {problem}", pytrace=False)


def _misused(item: pytest.Item, call: pytest.CallInfo[None]) -> bool:
    return MISUSED_KEY in item.stash
