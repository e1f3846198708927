"""Size markers for pytest: small, medium, large and xlarge."""

from pytest_test_categories_core import TestSize, budget_of, size_of
from pytest_test_categories_markers.classes import LargeTest, MediumTest, SmallTest, XLargeTest
from pytest_test_categories_markers.loading import ensure_markers
from pytest_test_categories_markers.unsized import UnsizedTestsWarning

__all__ = [
    "LargeTest",
    "MediumTest",
    "SmallTest",
    "TestSize",
    "UnsizedTestsWarning",
    "XLargeTest",
    "budget_of",
    "ensure_markers",
    "size_of",
]
