"""Every private API of pytest the markers plugin uses, in one place, with a guard test
(tests/markers/test_compat.py).

Checked against pytest 8.4 to 9.2.

- ``_pytest.nodes.Node``: the common class of items and collectors, whose markers are read up
  the tree (a type only; pytest exports ``Item`` and ``Collector`` but not their base).
- ``_pytest.junitxml.xml_key``: where pytest's JUnit plugin keeps its writer, to give a crashed
  test's test case its properties. Imported only when a worker crashed; without it, the JUnit
  file goes without them.
"""

from __future__ import annotations

from typing import Any

from _pytest.nodes import Node

__all__ = ["Node", "junit_xml_key"]


def junit_xml_key() -> Any:
    """The stash key of pytest's JUnit writer (raises ImportError on a pytest without it)."""
    from _pytest.junitxml import xml_key

    return xml_key
