"""The report of one run: a result per test, recorded as each test ends; every format renders it."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from pytest_test_categories_core import (
    ReportedViolation,
    TestSize,
    budget_from_properties,
    size_from_properties,
    violations_from_properties,
)
from pytest_test_categories_reporting.distribution import Distribution
from pytest_test_categories_reporting.phase_outcomes import OUTCOMES, SKIPPED

NEAR_BUDGET = 0.8


class TestResult(NamedTuple):
    """What the report says about one test.

    A named tuple rather than a frozen dataclass: one is built per test at the end of the run,
    and a frozen dataclass sets each field through ``object.__setattr__``.
    """

    nodeid: str
    size: TestSize | None
    outcome: str
    duration: float
    budget: float | None
    budget_from: str | None
    violations: tuple[ReportedViolation, ...]

    @property
    def budget_used(self) -> float | None:
        """The fraction of its time budget the call phase used (sized tests only)."""
        if self.budget is None:
            return None
        return self.duration / self.budget


TestResult.__test__ = False  # type: ignore[attr-defined]


class MergedInput(NamedTuple):
    """One report a merged report was made of (``pytest-test-categories report merge``)."""

    file: str
    created: str
    selected: int
    reported: int
    partial_reason: str | None
    exit_status: int


@dataclass(frozen=True, slots=True)
class RunReport:
    """Everything one run's report says: every format renders this, and a JSON report reads back into it."""

    created: str
    tests: tuple[TestResult, ...]
    selected: int
    unfinished: tuple[str, ...]
    partial_reason: str | None
    exit_status: int
    time_limits: Mapping[TestSize, float]
    distribution: Distribution
    environment: Mapping[str, object]
    suite: str | None = None  # see suite_identity; None in reports of schema 1.0
    merged_from: tuple[MergedInput, ...] = ()

    @property
    def partial(self) -> bool:
        return self.partial_reason is not None

    def outcome_counts(self) -> dict[str, int]:
        counts = Counter(test.outcome for test in self.tests)
        return {outcome: counts.get(outcome, 0) for outcome in OUTCOMES}

    def outcomes_line(self) -> str:
        """``6 passed, 1 failed, 2 errors``: the outcomes that occurred, worded as pytest's summary."""
        return ", ".join(
            f"{count} {'errors' if name == 'error' and count != 1 else name}"
            for name, count in self.outcome_counts().items()
            if count
        )

    def size_counts(self) -> dict[str, int]:
        counts = Counter(test.size for test in self.tests)
        result = {size.value: counts.get(size, 0) for size in TestSize}
        result["unsized"] = counts.get(None, 0)
        return result

    def violations_by_code(self) -> dict[str, list[tuple[TestResult, ReportedViolation]]]:
        grouped: dict[str, list[tuple[TestResult, ReportedViolation]]] = {}
        for test in self.tests:
            for violation in test.violations:
                grouped.setdefault(violation.code, []).append((test, violation))
        return dict(sorted(grouped.items()))

    def slowest(self, per_size: int) -> dict[TestSize, list[TestResult]]:
        """The slowest tests of each size that ran their call phase, slowest first.

        A skipped test is left out even when it skipped itself in its call phase: the time it
        took before the skip says nothing about how slow it is.
        """
        by_size: dict[TestSize, list[TestResult]] = {}
        for test in self.tests:
            if test.size is not None and test.duration > 0 and test.outcome != SKIPPED:
                by_size.setdefault(test.size, []).append(test)
        return {
            size: sorted(tests, key=lambda test: (-test.duration, test.nodeid))[:per_size]
            for size, tests in sorted(by_size.items())
        }

    def near_budget(self) -> list[TestResult]:
        """Tests whose call phase used more than 80 % of their time budget, closest first."""
        near = [
            test for test in self.tests if test.budget_used is not None and test.budget_used > NEAR_BUDGET
        ]
        return sorted(near, key=lambda test: (-(test.budget_used or 0.0), test.nodeid))

    @property
    def total_duration(self) -> float:
        return math.fsum(test.duration for test in self.tests)


def result_of(
    nodeid: str,
    outcome: str,
    duration: float,
    properties: Sequence[tuple[str, object]],
    time_limits: Mapping[TestSize, float],
) -> TestResult:
    """One test's result, its size, budget and violations read off its report's properties."""
    size = size_from_properties(properties)
    # Most tests carry their size and nothing else: then there is no budget or violation to read.
    more = len(properties) > (0 if size is None else 1)
    budget: float | None = None
    budget_from: str | None = None
    if size is not None:
        budget = budget_from_properties(properties) if more else None
        if budget is not None:
            budget_from = "timeout"
        else:
            budget = time_limits[size]
            budget_from = "limit"
    violations = tuple(violations_from_properties(properties)) if more else ()
    # To the microsecond, as the JSON report keeps it: a report rendered from the JSON then
    # sorts near ties exactly as the run's own report does.
    return TestResult(nodeid, size, outcome, round(duration, 6), budget, budget_from, violations)


def sorted_results(results: list[TestResult]) -> tuple[TestResult, ...]:
    """The results in node-id order (sorted in place: the list is not needed in any other order)."""
    results.sort(key=_BY_NODEID)
    return tuple(results)


_BY_NODEID = itemgetter(0)  # TestResult.nodeid, read without a Python call per test


def size_counter(tests: Iterable[TestResult]) -> Counter[TestSize | None]:
    return Counter(test.size for test in tests)
