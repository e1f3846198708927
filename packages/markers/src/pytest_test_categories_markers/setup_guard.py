"""Failing, at set-up, the tests whose size could not be resolved (or that may not run unsized).

The guard is registered only in runs that have such a test, so the others pay nothing per test.
"""

from __future__ import annotations

import pytest

from pytest_test_categories_core import register_once

GUARD_NAME = "test_categories_markers_setup_guard"
_PROBLEM_KEY = pytest.StashKey[str]()


def fail_at_setup(item: pytest.Item, problem: str) -> None:
    """Make ``item`` fail at its set-up with ``problem`` (the guard must be registered: ``guard``)."""
    item.stash[_PROBLEM_KEY] = problem


def guard(pluginmanager: pytest.PytestPluginManager) -> None:
    register_once(pluginmanager, GUARD_NAME, SetupGuard)


class SetupGuard:
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        problem = item.stash.get(_PROBLEM_KEY, None)
        if problem is not None:
            pytest.fail(problem, pytrace=False)
