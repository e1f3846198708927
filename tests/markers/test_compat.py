"""Guards for every private name of pytest the markers plugin uses (``compat.py``)."""

from __future__ import annotations

import pytest

from pytest_test_categories_markers.compat import Node, junit_xml_key

pytestmark = pytest.mark.small


def test_the_node_class_is_the_base_of_items_and_collectors() -> None:
    assert issubclass(pytest.Item, Node)
    assert issubclass(pytest.Collector, Node)


def test_the_junit_writers_stash_key_is_there() -> None:
    assert isinstance(junit_xml_key(), pytest.StashKey)
