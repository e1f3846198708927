"""Guard for the one private name of pytest the isolation plugin uses (``compat.py``)."""

from __future__ import annotations

import pytest

from pytest_test_categories_isolation.compat import UNITTEST_ITEM

pytestmark = pytest.mark.small


def test_unittest_items_have_the_class_they_are_told_apart_by() -> None:
    assert isinstance(UNITTEST_ITEM, type)
    assert issubclass(UNITTEST_ITEM, pytest.Function)
