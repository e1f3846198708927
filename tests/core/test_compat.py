"""Guard for the one private name of pytest core uses (``compat.py``): the pipeline tells
unittest's items apart by it, and would swap the wrong attribute for them without it."""

from __future__ import annotations

import pytest

from pytest_test_categories_core.compat import UNITTEST_ITEM

pytestmark = pytest.mark.small


def test_unittest_items_have_the_class_they_are_told_apart_by() -> None:
    assert isinstance(UNITTEST_ITEM, type)
    assert issubclass(UNITTEST_ITEM, pytest.Function)
    assert UNITTEST_ITEM.__module__ == "_pytest.unittest"
