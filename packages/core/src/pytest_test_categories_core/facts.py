"""Per-test facts carried on ``user_properties``.

pytest copies ``item.user_properties`` onto every report of the item; pytest-xdist ships reports
from workers to the controller and JUnit XML writes them as properties. So the report is the one
place a reporter needs to look, serial or distributed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pytest

from pytest_test_categories_core.sizes import SIZES_BY_VALUE, TestSize
from pytest_test_categories_core.violations import CODES, Violation

SIZE_PROPERTY = "test_size"
BUDGET_PROPERTY = "test_budget"
VIOLATION_PROPERTY = "test_categories_violation"

VIOLATIONS_KEY = pytest.StashKey[list[Violation]]()


@dataclass(frozen=True, slots=True)
class ReportedViolation:
    """A violation as read back from a report: its code and its one-line message."""

    code: str
    message: str

    @property
    def kind(self) -> str:
        return CODES.get(self.code, "unknown")


# One shared, immutable property per size: nothing is built per test.
_SIZE_PROPERTIES = {size: (SIZE_PROPERTY, size.value) for size in TestSize}


def record_size(item: pytest.Item, size: TestSize | None) -> None:
    """Put the test's size on its reports (once; a second call replaces nothing)."""
    if size is None:
        return
    properties = item.user_properties
    if properties and any(name == SIZE_PROPERTY for name, _ in properties):
        return
    properties.append(_SIZE_PROPERTIES[size])


def record_budget(item: pytest.Item, budget: float | None) -> None:
    """Put the test's ``timeout=`` budget on its reports, for readers without the item (xdist).

    Only an explicit budget is recorded: a test without one runs under its size's limit, which
    every reader knows from its own configuration.
    """
    if budget is not None:
        item.user_properties.append((BUDGET_PROPERTY, budget))


def report_violation(item: pytest.Item, violation: Violation) -> None:
    """Record a violation on the item and its reports, then tell every listener."""
    item.stash.setdefault(VIOLATIONS_KEY, []).append(violation)
    item.user_properties.append((VIOLATION_PROPERTY, violation.summary))
    hook = getattr(item.config.hook, "pytest_test_categories_violation", None)
    if hook is not None:
        hook(item=item, violation=violation)


def violations_of(item: pytest.Item) -> Sequence[Violation]:
    """The violations recorded on this item so far, oldest first."""
    found = item.stash.get(VIOLATIONS_KEY, None)
    return tuple(found) if found else ()


def size_from_properties(properties: Iterable[tuple[str, object]]) -> TestSize | None:
    """The size carried on a report, if any (None for a missing or unknown value)."""
    for name, value in properties:
        if name == SIZE_PROPERTY:
            return SIZES_BY_VALUE.get(value) if isinstance(value, str) else None
    return None


def budget_from_properties(properties: Iterable[tuple[str, object]]) -> float | None:
    """The explicit budget carried on a report, if any (None for a missing or unusable value)."""
    for name, value in properties:
        if name == BUDGET_PROPERTY:
            try:
                budget = float(str(value))
            except ValueError:
                return None
            return budget if math.isfinite(budget) and budget > 0 else None
    return None


def violations_from_properties(
    properties: Iterable[tuple[str, object]],
) -> list[ReportedViolation]:
    found = []
    for name, value in properties:
        if name == VIOLATION_PROPERTY:
            text = str(value)
            code = text.split(" ", 1)[0]
            found.append(ReportedViolation(code=code, message=text))
    return found
