"""``--test-size small,medium``: run only tests of the given sizes.

A test is selected by the size its marker names. A mistake in the marker's arguments
(``@pytest.mark.small(timeout="x")``) does not hide that size, so the test errors only in the
runs that select it; a test marked with two sizes errors in the runs that select either.
"""

from __future__ import annotations

import pytest

from pytest_test_categories_core import SIZE_NAMES, TestSize, size_for_setting

TEST_SIZE_OPTION = "--test-size"


def parse_size_selection(raw: str | None) -> frozenset[TestSize] | None:
    """None when no selection was asked for; a usage error for an empty list or unknown size."""
    if raw is None:
        return None
    names = [name.strip() for name in raw.split(",") if name.strip()]
    if not names:
        raise pytest.UsageError(
            f"{TEST_SIZE_OPTION}: expected a comma-separated list of sizes; allowed sizes: {SIZE_NAMES}"
        )
    selected = set()
    for name in names:
        selected.add(size_for_setting(name, TEST_SIZE_OPTION))
    return frozenset(selected)


def selects(selected: frozenset[TestSize], size: TestSize | None, conflict: frozenset[TestSize]) -> bool:
    """Whether a test of ``size`` (or, when its markers disagree, of one of ``conflict``) runs."""
    return size in selected or not selected.isdisjoint(conflict)
