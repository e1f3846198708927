"""Which size a test has, and whether its size markers are used correctly.

The closest marker wins (a method's over its class's, a class's over its module's); a test
with no marker takes the first matching path rule, then the default size, if any.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pytest
from _pytest.nodes import Node

from pytest_test_categories_core import TestSize
from pytest_test_categories_core.items import SIZE_MARKERS

USAGE = "@pytest.mark.{name} takes only an optional budget: @pytest.mark.{name}(timeout=<seconds>)"


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a test's size markers say; ``conflict`` holds the sizes of two (or more) that disagree."""

    size: TestSize | None
    budget: float | None = None
    problem: str | None = None
    marked: bool = False
    conflict: frozenset[TestSize] = frozenset()


def resolve_markers(item: pytest.Item, limits: Mapping[TestSize, float]) -> Resolution:
    """Size and budget from the closest level that carries a size marker."""
    # A plain walk up the tree (not ``iter_markers_with_node``): this runs for every collected test.
    node: Node | None = item
    while node is not None:
        found = [mark for mark in node.own_markers if mark.name in SIZE_MARKERS]
        if found:
            break
        node = node.parent
    else:
        return UNSIZED
    if len(found) == 1:
        mark = found[0]
        size = SIZE_MARKERS[mark.name]
        if not mark.args and not mark.kwargs:
            return _MARKED[size]
        problem, budget = _check_arguments(mark, size, limits[size])
        return Resolution(size=size, budget=budget, problem=problem, marked=True)
    sizes = sorted({SIZE_MARKERS[mark.name] for mark in found})
    if len(sizes) > 1:
        names = " and ".join(f"@pytest.mark.{size.value}" for size in sizes)
        return Resolution(
            size=None,
            marked=True,
            conflict=frozenset(sizes),
            problem=f"{names} are both set on {_describe(node)}; a test has one size. Keep the one "
            "that is true (a marker on the test itself overrides its class and module).",
        )
    size = sizes[0]
    problem, budget = _check_arguments(found[0], size, limits[size])
    return Resolution(size=size, budget=budget, problem=problem, marked=True)


UNSIZED = Resolution(size=None)
# The common case, a bare size marker, shares one immutable answer per size.
_MARKED = {size: Resolution(size=size, marked=True) for size in TestSize}


def _check_arguments(mark: pytest.Mark, size: TestSize, limit: float) -> tuple[str | None, float | None]:
    usage = USAGE.format(name=size.value)
    if mark.args:
        given = ", ".join(repr(arg) for arg in mark.args)
        return f"@pytest.mark.{size.value} got positional argument(s) {given}; {usage}.", None
    unknown = sorted(set(mark.kwargs) - {"timeout"})
    if unknown:
        return f"@pytest.mark.{size.value} got unknown argument(s) {', '.join(unknown)}; {usage}.", None
    if "timeout" not in mark.kwargs or mark.kwargs["timeout"] is None:
        return None, None
    value = mark.kwargs["timeout"]
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        return (
            f"@pytest.mark.{size.value}(timeout={value!r}): the budget must be a positive, "
            "finite number of seconds, for example timeout=0.5.",
            None,
        )
    if value > limit:
        return (
            f"@pytest.mark.{size.value}(timeout={value!r}): the budget exceeds the {size.value} "
            f"limit of {limit:g} s. A budget can only be stricter than the size's limit: lower "
            "it, or give the test a larger size.",
            None,
        )
    return None, float(value)


def _describe(node: Node | None) -> str:
    if isinstance(node, pytest.Class):
        return f"class {node.name}"
    if isinstance(node, pytest.Module):
        return f"module {node.name}"
    return "the test itself"
