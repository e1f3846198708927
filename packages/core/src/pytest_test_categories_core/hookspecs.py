"""The one hook of the family; the core's plugin is the only one that registers it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytest_test_categories_core.violations import Violation


@pytest.hookspec
def pytest_test_categories_violation(item: pytest.Item, violation: Violation) -> None:
    """Called when a test broke a promise of its size (time, hermeticity, ...).

    The violation is already recorded on the item (and so on its reports) when this runs.
    """
