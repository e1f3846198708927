"""Core's per-test pipeline: the one place a test's own code is wrapped, in one order, put back after.

Timing and isolation are loaded together: their layers run in ``LAYER_ORDER`` (timing's watch
outside isolation's gate), the test's function is swapped once before any other plugin's call
hook, and the original is back after the call, whatever the outcome. No part swaps anything itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pytest_test_categories_core import LAYER_ORDER
from pytest_test_categories_core.pipeline import Pipeline

from ..conftest import RunWith

PACKAGES = Path(__file__).resolve().parents[2] / "packages"
PIPELINE = PACKAGES / "core" / "src" / "pytest_test_categories_core" / "pipeline.py"

# Records, per test, the wrappers around the test's own frame (outermost first), what
# item.obj was when a conftest's call hook ran, and whether it was the test's own afterwards.
CONFTEST = """
import sys
import pytest

SEEN = {}
OURS = ("watched", "on_virtual_time", "gated_coroutine", "gated_function")


def wrappers_around_me():
    names = []
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_name in OURS:
            names.append(frame.f_code.co_name)
        frame = frame.f_back
    return " > ".join(reversed(names))


@pytest.fixture
def around():
    return wrappers_around_me


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    SEEN[item.name] = {"during": getattr(item.obj, "__wrapped__", None) is not None}


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    SEEN[item.name]["after"] = getattr(item.obj, "__wrapped__", None) is None and item.obj is item.function


def pytest_terminal_summary(terminalreporter):
    for name, seen in sorted(SEEN.items()):
        terminalreporter.write_line(f"seen {name}: swapped during call={seen['during']} own after={seen['after']}")
"""


@pytest.mark.medium
def test_timing_and_isolation_run_in_the_documented_order_and_the_function_is_put_back(
    pytester: pytest.Pytester, run_with: RunWith
) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        pytestmark = pytest.mark.small

        @pytest.mark.asyncio
        async def test_async(around):
            await asyncio.sleep(0)
            print("around async:", around())

        def test_sync(around):
            print("around sync:", around())

        @pytest.mark.asyncio
        async def test_async_fails(around):
            print("around failing:", around())
            raise AssertionError("its own failure")
        """
    )
    pytester.makepyfile(test_unsized="def test_unsized_sync():\n    pass\n")
    result = run_with(
        "markers",
        "timing",
        "isolation",
        args=[
            "-s",
            "--test-categories-timing=strict",
            "--test-categories-isolation=strict",
            "-o",
            "asyncio_default_fixture_loop_scope=function",
        ],
        extra=["asyncio"],
        subprocess=True,  # in-process, this test's own gate would be around the inner tests
    )

    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*around async: watched > gated_coroutine",
            "*around sync: gated_function",
            "*around failing: watched > gated_coroutine",
            "*AssertionError: its own failure",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "seen test_async: swapped during call=True own after=True",
            "seen test_async_fails: swapped during call=True own after=True",
            "seen test_sync: swapped during call=True own after=True",
            # an unsized test with neither part's work to do is not swapped at all
            "seen test_unsized_sync: swapped during call=False own after=True",
        ]
    )


@pytest.mark.medium
def test_a_run_with_no_layer_has_no_pipeline_hook(pytester: pytest.Pytester, run_with: RunWith) -> None:
    pytester.makeconftest(
        """
        def pytest_sessionfinish(session):
            print("PIPELINE", session.config.pluginmanager.has_plugin("test_categories_pipeline"))
        """
    )
    pytester.makepyfile("import pytest\n\n@pytest.mark.small\ndef test_one():\n    pass\n")

    only_markers = run_with("markers", args=["-s"])
    with_timing = run_with("markers", "timing", args=["-s", "--test-categories-timing=strict"])

    only_markers.assert_outcomes(passed=1)
    only_markers.stdout.fnmatch_lines(["*PIPELINE False*"])
    with_timing.stdout.fnmatch_lines(["*PIPELINE True*"])


@pytest.mark.small
def test_layers_apply_in_the_documented_order_whatever_order_they_were_added_in() -> None:
    pipeline = Pipeline()
    for name in reversed(LAYER_ORDER):
        pipeline.add(name, lambda item, function: function)

    assert pipeline.names == LAYER_ORDER == ("timing", "virtual_time", "isolation", "sizing")


@pytest.mark.small
def test_an_unknown_layer_is_refused_with_the_names_allowed() -> None:
    with pytest.raises(
        ValueError,
        match=r"^unknown pipeline layer 'tracing'; the layers are, outermost first: timing, virtual_time, isolation, sizing$",
    ):
        Pipeline().add("tracing", lambda item, function: function)


def assignments_to_the_test(source: str) -> list[str]:
    """Each assignment to an item's ``obj`` or ``runtest`` in ``source``, as ``line: target``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        found += [
            f"{node.lineno}: .{target.attr}"
            for target in targets
            if isinstance(target, ast.Attribute) and target.attr in ("obj", "runtest")
        ]
    return found


@pytest.mark.small
def test_the_checker_finds_a_swap() -> None:
    assert assignments_to_the_test("item.obj = wrapper\nx = item.obj\nitem.runtest: object = f\n") == [
        "1: .obj",
        "3: .runtest",
    ]


@pytest.mark.medium
def test_no_part_swaps_the_test_function_itself() -> None:
    sources = sorted(p for p in PACKAGES.glob("*/src/**/*.py") if p != PIPELINE)
    assert len(sources) > 50

    found = {
        str(path.relative_to(PACKAGES)): swaps
        for path in sources
        if (swaps := assignments_to_the_test(path.read_text(encoding="utf-8")))
    }

    assert found == {}
    assert assignments_to_the_test(PIPELINE.read_text(encoding="utf-8"))  # the one place that does
