"""Guard for the private module names of pytest the isolation plugin relies on (``compat.py``):
each must still be a module of the installed pytest, or whose doing an operation is goes wrong."""

from __future__ import annotations

import importlib.util

import pytest

from pytest_test_categories_isolation.compat import ACTING_FOR_THE_TEST, CALLER_DECIDES

pytestmark = pytest.mark.small


@pytest.mark.parametrize("module", sorted(ACTING_FOR_THE_TEST | CALLER_DECIDES))
def test_each_named_pytest_module_exists(module: str) -> None:
    assert importlib.util.find_spec(module) is not None, f"pytest has no module {module} any more"
