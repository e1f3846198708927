"""``size_of`` and ``budget_of``: what the markers plugin stored, or the closest size marker without it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium

READER = """
import pytest
from pytest_test_categories_core import budget_of, size_of

@pytest.fixture(autouse=True)
def show_facts(request):
    print(f"FACTS {request.node.name} {size_of(request.node)} {budget_of(request.node)}")
"""

TESTS = """
import pytest

pytestmark = pytest.mark.medium

@pytest.mark.small(timeout=0.5)
def test_budgeted():
    pass

def test_from_module():
    pass

class TestClass:
    pytestmark = pytest.mark.large

    def test_from_class(self):
        pass
"""


@pytest.mark.parametrize(
    "parts",
    [pytest.param(("core",), id="core alone"), pytest.param(("core", "markers"), id="with markers")],
)
def test_the_closest_size_marker_gives_size_and_budget(pytester, run_with, parts):
    pytester.makeconftest(READER)
    pytester.makepyfile(TESTS)
    result = run_with(*parts, args=["-s"])
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(
        [
            "*FACTS test_budgeted TestSize.SMALL 0.5",
            "*FACTS test_from_module TestSize.MEDIUM None",
            "*FACTS test_from_class TestSize.LARGE None",
        ]
    )


def test_an_unmarked_test_has_neither_without_the_markers_plugin(pytester, run_with):
    pytester.makeconftest(READER)
    pytester.makepyfile("def test_plain():\n    pass\n")
    result = run_with("core", args=["-s"])
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*FACTS test_plain None None"])


@pytest.mark.small
def test_is_coroutine_function_reads_functions_methods_and_other_callables():
    import functools

    from pytest_test_categories_core.items import is_coroutine_function

    async def coroutine() -> None:
        pass

    def plain() -> None:
        pass

    class Holder:
        async def method(self) -> None:
            pass

        def sync_method(self) -> None:
            pass

    assert is_coroutine_function(coroutine)
    assert not is_coroutine_function(plain)
    assert is_coroutine_function(Holder().method)
    assert not is_coroutine_function(Holder().sync_method)
    assert is_coroutine_function(functools.partial(coroutine))  # no code of its own: inspect decides
    assert not is_coroutine_function(functools.partial(plain))
