"""``--test-size small,medium``: run only tests of the given sizes."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import TestSize
from pytest_test_categories_core.settings import size_for_setting
from pytest_test_categories_core.sizes import SIZE_NAMES

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
