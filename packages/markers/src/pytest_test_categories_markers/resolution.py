"""Which size a test has, and whether its size markers are used correctly.

The closest marker wins (a method's over its class's, a class's over its module's); a test
with no marker takes the first matching path rule, then the default size, if any.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from pytest_test_categories_core import SIZE_MARKERS, TestSize
from pytest_test_categories_markers.compat import Node

USAGE = "@pytest.mark.{name} takes only an optional budget: @pytest.mark.{name}(timeout=<seconds>)"
# Marker arguments the earlier pytest-test-categories plugin (1.2.x) accepted, with no meaning here.
_EARLIER_ARGUMENTS = frozenset({"allow_external_systems"})


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
        return _one_marker(found[0], limits)
    # Several markers on one node: they may come from levels pytest merges into it.
    found, where = _closest_within(node, found)
    if len(found) == 1:
        return _one_marker(found[0], limits)
    sizes = sorted({SIZE_MARKERS[mark.name] for mark in found})
    if len(sizes) > 1:
        names = " and ".join(f"@pytest.mark.{size.value}" for size in sizes)
        return Resolution(
            size=None,
            marked=True,
            conflict=frozenset(sizes),
            problem=f"{names} are both {where}; a test has one size. {_keep_one(where)}",
        )
    return _same_size(found, sizes[0], limits[sizes[0]], where)


def _keep_one(where: str) -> str:
    if where.startswith("inherited"):
        return "Mark the class with the one that is true (its own marker overrides its base classes')."
    return "Keep the one that is true (a marker on the test itself overrides its class and module)."


def _one_marker(mark: pytest.Mark, limits: Mapping[TestSize, float]) -> Resolution:
    size = SIZE_MARKERS[mark.name]
    if not mark.args and not mark.kwargs:
        return _MARKED[size]
    problem, budget = _check_arguments(mark, size, limits[size])
    return Resolution(size=size, budget=budget, problem=problem, marked=True)


def _same_size(found: list[pytest.Mark], size: TestSize, limit: float, where: str) -> Resolution:
    """Several markers of one size on one level: each one's arguments count, and budgets must agree."""
    budgets: set[float] = set()
    for mark in found:
        problem, budget = _check_arguments(mark, size, limit)
        if problem is not None:
            return Resolution(size=size, problem=problem, marked=True)
        if budget is not None:
            budgets.add(budget)
    if len(budgets) > 1:
        given = " and ".join(f"timeout={budget:g}" for budget in sorted(budgets))
        return Resolution(
            size=size,
            marked=True,
            problem=f"@pytest.mark.{size.value} is {where} twice, with {given}; a test has one "
            f"budget. Keep one @pytest.mark.{size.value}(timeout=<seconds>).",
        )
    return Resolution(size=size, budget=budgets.pop() if budgets else None, marked=True)


def _closest_within(node: Node, found: list[pytest.Mark]) -> tuple[list[pytest.Mark], str]:
    """The size markers of the closest level among those pytest merges into one node, and where
    they are: a parameter's marks (``pytest.param(..., marks=...)``) before its function's, and a
    class's own markers before the ones it inherits from its base classes."""
    if isinstance(node, pytest.Function):
        callspec = getattr(node, "callspec", None)
        if callspec is not None:
            own = [mark for mark in callspec.marks if mark.name in SIZE_MARKERS]
            if own:
                return own, "set on its parameter"
        return found, "set on the test itself"
    if isinstance(node, pytest.Class) and isinstance(node.obj, type):
        return _class_markers(node.obj, found)
    return found, f"set on {_describe(node)}"


def _class_markers(cls: type, found: list[pytest.Mark]) -> tuple[list[pytest.Mark], str]:
    own = _size_markers_of(cls)
    if own:
        return own, f"set on class {cls.__name__}"
    marked = [(base, marks) for base in cls.__mro__[1:] if (marks := _size_markers_of(base))]
    # Of the marked base classes, the nearest: those no other marked base class derives from.
    nearest = [
        (base, marks)
        for base, marks in marked
        if not any(other is not base and issubclass(other, base) for other, _ in marked)
    ]
    if not nearest:
        return found, f"set on class {cls.__name__}"
    sources = " and ".join(base.__name__ for base, _ in nearest)
    inherited = [mark for _, marks in nearest for mark in marks]
    return inherited, f"inherited by class {cls.__name__} from {sources}"


def _size_markers_of(cls: type) -> list[pytest.Mark]:
    """The size markers set on the class itself (in its own ``pytestmark``), not inherited."""
    own = cls.__dict__.get("pytestmark", [])
    marks = own if isinstance(own, list | tuple) else [own]
    found = [getattr(mark, "mark", mark) for mark in marks]
    return [mark for mark in found if isinstance(mark, pytest.Mark) and mark.name in SIZE_MARKERS]


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
        names = ", ".join(unknown)
        if _EARLIER_ARGUMENTS & set(unknown):
            names += " (an argument of the earlier plugin: delete it)"
        return f"@pytest.mark.{size.value} got unknown argument(s) {names}; {usage}.", None
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
