"""Size markers for pytest: small, medium, large and xlarge.

``__all__`` below is the markers part's face: its public API and, after it, what a sibling part
may use. Parts import markers only from here; tests/core/test_face.py checks it.
"""

from pytest_test_categories_core import TestSize, budget_of, size_of
from pytest_test_categories_markers.classes import LargeTest, MediumTest, SmallTest, XLargeTest
from pytest_test_categories_markers.loading import ensure_markers
from pytest_test_categories_markers.settings import SETTINGS_KEY, UnsizedPolicy
from pytest_test_categories_markers.unsized import UnsizedTestsWarning

__all__ = [  # noqa: RUF022 - two groups: the public API, then what the parts may use
    "LargeTest",
    "MediumTest",
    "SmallTest",
    "TestSize",
    "UnsizedTestsWarning",
    "XLargeTest",
    "budget_of",
    "ensure_markers",
    "size_of",
    # For the family's parts (not re-exported by the bundle):
    "SETTINGS_KEY",
    "UnsizedPolicy",
]
