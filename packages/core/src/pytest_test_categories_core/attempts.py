"""A test run again on the same item (pytest-rerunfailures) starts each attempt clean.

pytest-rerunfailures runs a failed test's set-up, call and teardown again on the same item, and
reports every attempt. What the parts record on the item (violations on ``user_properties`` and
in the stash) would pile up across attempts: a rerun that passed cleanly would carry the first
attempt's violation, and JUnit XML would repeat it. So, in runs with that plugin, each attempt
after the first forgets what earlier ones recorded.
"""

from __future__ import annotations

from typing import Any

import pytest

from pytest_test_categories_core.facts import VIOLATION_PROPERTY, VIOLATIONS_KEY

RERUN_PLUGIN = "rerunfailures"
RESET_NAME = "test_categories_rerun_reset"

# Stash entries that hold one attempt's findings; each part adds its own (see ``forget_on_rerun``).
_ATTEMPT_KEYS: list[pytest.StashKey[Any]] = [VIOLATIONS_KEY]


def forget_on_rerun(key: pytest.StashKey[Any]) -> None:
    """Drop ``key`` from a test's stash before each attempt after its first."""
    if key not in _ATTEMPT_KEYS:
        _ATTEMPT_KEYS.append(key)


class RerunReset:
    """Registered only in runs where pytest-rerunfailures is loaded; other runs pay nothing."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if getattr(item, "execution_count", 1) <= 1:
            return
        item.user_properties[:] = [prop for prop in item.user_properties if prop[0] != VIOLATION_PROPERTY]
        stash = item.stash
        for key in _ATTEMPT_KEYS:
            if key in stash:
                del stash[key]
