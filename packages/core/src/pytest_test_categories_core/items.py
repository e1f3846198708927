"""Per-test facts every plugin reads: the resolved size and the ``timeout=`` budget.

The markers plugin resolves both at collection (closest marker, default size, path rules) and
stores them in ``item.stash``; without it, the closest size marker decides.

Both live under one stash key, as one pair: pytest already keeps four entries in each test's
stash, and a sixth would make every test's stash table grow to the next size (about 130 bytes a
test, held for the whole run). The pairs for "this size, no budget" are shared by all tests.
"""

from __future__ import annotations

import inspect

import pytest

from pytest_test_categories_core.sizes import SIZES_BY_VALUE, TestSize

Facts = tuple["TestSize | None", "float | None"]

FACTS_KEY = pytest.StashKey[Facts]()

SIZE_MARKERS = SIZES_BY_VALUE  # a size marker's name is its size's value

_NO_BUDGET: dict[TestSize | None, Facts] = {size: (size, None) for size in (*TestSize, None)}


def set_facts(item: pytest.Item, size: TestSize | None, budget: float | None) -> None:
    """Store the size and the budget of a test (what ``size_of`` and ``budget_of`` return)."""
    item.stash[FACTS_KEY] = _NO_BUDGET[size] if budget is None else (size, budget)


def facts_of(item: pytest.Item) -> Facts:
    """The test's (size, budget) pair, resolved from its closest size marker if nobody stored it."""
    try:
        return item.stash[FACTS_KEY]
    except KeyError:
        facts = _closest_facts(item)
        item.stash[FACTS_KEY] = facts
        return facts


def size_of(item: pytest.Item) -> TestSize | None:
    """The size of a test, or None for an unsized one; cached on the item."""
    return facts_of(item)[0]


def budget_of(item: pytest.Item) -> float | None:
    """The stricter per-test budget from ``@pytest.mark.<size>(timeout=...)``, if any."""
    return facts_of(item)[1]


def _closest_facts(item: pytest.Item) -> Facts:
    for mark in item.iter_markers():
        size = SIZE_MARKERS.get(mark.name)
        if size is not None:
            value = mark.kwargs.get("timeout")
            budget = float(value) if isinstance(value, int | float) else None
            return _NO_BUDGET[size] if budget is None else (size, budget)
    return _NO_BUDGET[None]


def is_coroutine_function(obj: object) -> bool:
    """``inspect.iscoroutinefunction``, with a fast path for functions and methods (their code's
    flags): asked of every test by the parts that treat async tests apart."""
    code = getattr(obj, "__code__", None)
    if code is not None:
        return bool(code.co_flags & inspect.CO_COROUTINE)
    return inspect.iscoroutinefunction(obj)
