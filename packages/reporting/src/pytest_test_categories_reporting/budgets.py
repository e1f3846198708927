"""A test's ``timeout=`` budget, carried on its reports like its size.

The size rides on ``user_properties`` already (the markers plugin records it); the pytest-xdist
controller has no items, so an explicit budget must ride there too for "tests over 80 % of their
budget" to be right under xdist. Only tests with a ``timeout=`` get the property; the others use
their size's limit, which the controller knows from its own configuration.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pytest

from pytest_test_categories_core.items import BUDGET_KEY

BUDGET_PROPERTY = "test_budget"


def record_budgets(items: Iterable[pytest.Item]) -> None:
    """Put each explicit budget resolved at collection (by the markers plugin) on the test's reports."""
    for item in items:
        budget = item.stash.get(BUDGET_KEY, None)
        if budget is not None:
            item.user_properties.append((BUDGET_PROPERTY, budget))


def budget_from_properties(properties: Iterable[tuple[str, object]]) -> float | None:
    for name, value in properties:
        if name == BUDGET_PROPERTY:
            try:
                budget = float(str(value))
            except ValueError:
                return None
            return budget if math.isfinite(budget) and budget > 0 else None
    return None
