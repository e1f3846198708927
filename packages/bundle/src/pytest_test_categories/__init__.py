"""pytest-test-categories: the whole family in one install; this module re-exports its public API."""

from pytest_test_categories_core import (
    DEFAULT_TIME_LIMITS,
    Enforcement,
    TestSize,
    Violation,
    budget_of,
    render_violation,
    size_of,
)
from pytest_test_categories_markers import LargeTest, MediumTest, SmallTest, XLargeTest

__all__ = [
    "DEFAULT_TIME_LIMITS",
    "Enforcement",
    "LargeTest",
    "MediumTest",
    "SmallTest",
    "TestSize",
    "Violation",
    "XLargeTest",
    "budget_of",
    "render_violation",
    "size_of",
]
