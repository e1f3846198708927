"""Merging the JSON reports of one suite's CI shards into the report of the whole suite.

The rules (docs/reporting.md, "Merging the reports of CI shards"):

- Only reports of one schema version, one suite and one configuration (time limits, target
  shares, tolerance) are merged, unless forced; then the first report's configuration is used.
- A test found in several reports is counted once, as a rerun: the result from the report
  written last (``created``; on a tie, the one given later) wins. ``refuse_duplicates`` makes
  it an error instead, for teams whose shards must never overlap.
- The merged run is partial when any shard was, and its reason names each partial shard; also
  when fewer reports were given than ``expected_reports`` (a shard whose job never wrote one).
- The distribution is judged again on the merged tests, exactly as a single run judges it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from pytest_test_categories_core import CommandError, Enforcement, TestSize, Violation
from pytest_test_categories_reporting.distribution import distribution_violation, evaluate
from pytest_test_categories_reporting.model import (
    MergedInput,
    RunReport,
    TestResult,
    size_counter,
    sorted_results,
)
from pytest_test_categories_reporting.report_reading import ReadReport, shares_of, time_limits_of

NAMED = 3  # duplicates named in a message; the rest are counted
FORCE_HINT = "pass --force to merge them anyway"
_MODE_ORDER = (Enforcement.OFF, Enforcement.WARN, Enforcement.STRICT)
_NO_TESTS = int(pytest.ExitCode.NO_TESTS_COLLECTED)


@dataclass(frozen=True, slots=True)
class DistributionChoice:
    """The distribution check's settings given to the command; None keeps what the reports say."""

    mode: Enforcement | None = None
    targets: Mapping[TestSize, float] | None = None
    tolerance: float | None = None


@dataclass(frozen=True, slots=True)
class Merged:
    report: RunReport
    duplicates: tuple[str, ...]  # node ids found in more than one report
    distribution_violation: Violation | None


def merge_reports(
    reports: Sequence[ReadReport],
    *,
    force: bool = False,
    refuse_duplicates: bool = False,
    expected_reports: int | None = None,
    choice: DistributionChoice = DistributionChoice(),
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Merged:
    if not reports:
        raise CommandError("no reports to merge; give the JSON reports of the shards")
    check_distinct_files(reports)
    if expected_reports is not None and len(reports) > expected_reports:
        raise CommandError(
            f"{len(reports)} reports given, more than the {expected_reports} of --expect-reports; "
            "give one report per shard"
        )
    if not force:
        check_same("schema version", reports, lambda read: read.schema_version)
        check_same("suite", reports, lambda read: read.suite or "(none: schema 1.0)")
        check_same("time limits", reports, lambda read: _numbers(time_limits_of(read.document)))
        check_same("distribution targets", reports, lambda read: _numbers(shares_of(read.document)))
        check_same("distribution tolerance", reports, lambda read: f"{_tolerance(read):g}")
    first = reports[0]
    tests, duplicates = merged_tests(reports)
    if duplicates and refuse_duplicates:
        raise CommandError(
            f"{duplicate_text(duplicates)}; with --duplicates=error every test must be in one report"
        )
    mode = choice.mode or max((_mode(read) for read in reports), key=_MODE_ORDER.index)
    targets = choice.targets or shares_of(first.document)
    tolerance = choice.tolerance if choice.tolerance is not None else _tolerance(first)
    results = sorted_results(list(tests.values()))
    distribution = evaluate(size_counter(results), mode=mode, targets=targets, tolerance=tolerance)
    violation = distribution_violation(distribution) if distribution.status == "off-target" else None
    exit_status = merged_exit_status(reports)
    if distribution.fails and exit_status == int(pytest.ExitCode.OK):
        exit_status = int(pytest.ExitCode.TESTS_FAILED)
    report = RunReport(
        created=now().isoformat(timespec="seconds").replace("+00:00", "Z"),
        tests=results,
        selected=merged_selected(reports, len(results)),
        unfinished=tuple(sorted({nodeid for read in reports for nodeid in read.document["unfinished"]})),
        partial_reason=merged_partial_reason(reports, expected_reports),
        exit_status=exit_status,
        time_limits=time_limits_of(first.document),
        distribution=distribution,
        environment=first.document["environment"],
        suite=first.suite,
        merged_from=tuple(merged_input(read) for read in reports),
    )
    return Merged(report, tuple(sorted(duplicates)), violation)


def check_distinct_files(reports: Sequence[ReadReport]) -> None:
    seen: dict[str, str] = {}
    for read in reports:
        key = os.path.realpath(read.file)
        if key in seen:
            raise CommandError(
                f"{read.file}: the same file as {seen[key]} (given twice); give each report once"
            )
        seen[key] = read.file


def check_same(what: str, reports: Sequence[ReadReport], value_of: Callable[[ReadReport], str]) -> None:
    first = reports[0]
    expected = value_of(first)
    for read in reports[1:]:
        found = value_of(read)
        if found != expected:
            raise CommandError(
                f"{read.file}: {what} {found} differs from {first.file}'s {expected}: "
                f"reports of different {_plural(what)} cannot be merged; {FORCE_HINT}"
            )


def _plural(what: str) -> str:
    return "suites" if what == "suite" else f"{what}s" if what.endswith("version") else f"{what} settings"


def _numbers(values: Mapping[TestSize, float]) -> str:
    return " ".join(f"{size.value}={value:g}" for size, value in sorted(values.items()))


def _tolerance(read: ReadReport) -> float:
    return float(read.document["targets"]["distribution"]["tolerance"])


def _mode(read: ReadReport) -> Enforcement:
    return Enforcement(read.document["targets"]["distribution"]["mode"])


def merged_tests(reports: Sequence[ReadReport]) -> tuple[dict[str, TestResult], dict[str, list[str]]]:
    """Each test once, from the latest report that has it; and the tests found in several reports."""
    order = sorted(range(len(reports)), key=lambda index: (_written(reports[index]), index))
    tests: dict[str, TestResult] = {}
    found_in: dict[str, list[str]] = {}
    for index in order:
        read = reports[index]
        for result in read.tests():
            tests[result.nodeid] = result
            found_in.setdefault(result.nodeid, []).append(read.file)
    duplicates = {nodeid: files for nodeid, files in found_in.items() if len(files) > 1}
    return tests, duplicates


def _written(read: ReadReport) -> datetime:
    """When the report was written (``created``: ISO 8601 in UTC, checked when the report was read)."""
    return datetime.fromisoformat(read.document["created"].replace("Z", "+00:00"))


def duplicate_text(duplicates: Mapping[str, Sequence[str]]) -> str:
    """``test_a.py::test_x is in a.json and b.json (and 2 more tests in several reports)``."""
    names = sorted(duplicates)
    shown = "; ".join(f"{nodeid} is in {' and '.join(duplicates[nodeid])}" for nodeid in names[:NAMED])
    more = f" (and {len(names) - NAMED} more tests in several reports)" if len(names) > NAMED else ""
    return shown + more


def merged_selected(reports: Sequence[ReadReport], reported: int) -> int:
    """The shards' selected tests added up, each test counted once even if several shards ran it."""
    total = sum(int(read.document["summary"]["selected"]) for read in reports)
    appearances: dict[str, int] = {}
    for read in reports:
        document = read.document
        for nodeid in {entry["nodeid"] for entry in document["tests"]} | set(document["unfinished"]):
            appearances[nodeid] = appearances.get(nodeid, 0) + 1
    extra = sum(count - 1 for count in appearances.values())
    return max(total - extra, reported)


def merged_partial_reason(reports: Sequence[ReadReport], expected_reports: int | None = None) -> str | None:
    """``shard-2.json: interrupted (KeyboardInterrupt); ...``: every partial shard, by its file."""
    reasons = []
    if expected_reports is not None and len(reports) < expected_reports:
        reasons.append(f"only {len(reports)} of the {expected_reports} expected reports were given")
    reasons += [
        f"{read.file}: {read.document['partial_reason'] or 'partial'}"
        for read in reports
        if read.document["partial"]
    ]
    return ". ".join(reasons) or None


def merged_exit_status(reports: Sequence[ReadReport]) -> int:
    """The highest status a shard ended with; 5 (no tests) only when no shard ran any."""
    statuses = [int(read.document["exit_status"]) for read in reports]
    ran = [status for status in statuses if status != _NO_TESTS]
    return max(ran) if ran else _NO_TESTS


def merged_input(read: ReadReport) -> MergedInput:
    document = read.document
    return MergedInput(
        file=read.file,
        created=document["created"],
        selected=int(document["summary"]["selected"]),
        reported=len(document["tests"]),
        partial_reason=document["partial_reason"] if document["partial"] else None,
        exit_status=int(document["exit_status"]),
    )
