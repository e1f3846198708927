"""Per-test facts every plugin reads: the resolved size and the ``timeout=`` budget.

The markers plugin resolves both at collection (closest marker, default size, path rules) and
stores them in ``item.stash``; without it, the closest size marker decides.
"""

from __future__ import annotations

import pytest

from pytest_test_categories_core.sizes import TestSize

SIZE_KEY = pytest.StashKey["TestSize | None"]()
BUDGET_KEY = pytest.StashKey["float | None"]()

SIZE_MARKERS = {size.value: size for size in TestSize}


def size_of(item: pytest.Item) -> TestSize | None:
    """The size of a test, or None for an unsized one; cached on the item."""
    try:
        return item.stash[SIZE_KEY]
    except KeyError:
        size = _closest_size(item)
        item.stash[SIZE_KEY] = size
        return size


def budget_of(item: pytest.Item) -> float | None:
    """The stricter per-test budget from ``@pytest.mark.<size>(timeout=...)``, if any."""
    try:
        return item.stash[BUDGET_KEY]
    except KeyError:
        budget = _closest_budget(item)
        item.stash[BUDGET_KEY] = budget
        return budget


def _closest_size(item: pytest.Item) -> TestSize | None:
    for mark in item.iter_markers():
        size = SIZE_MARKERS.get(mark.name)
        if size is not None:
            return size
    return None


def _closest_budget(item: pytest.Item) -> float | None:
    for mark in item.iter_markers():
        if mark.name in SIZE_MARKERS:
            value = mark.kwargs.get("timeout")
            return float(value) if isinstance(value, int | float) else None
    return None
