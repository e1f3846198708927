"""The ``basic`` and ``detailed`` reports: plain-text sections for the terminal (or a file)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pytest_test_categories_core import ReportedViolation
from pytest_test_categories_reporting.bars import UNICODE, Glyphs, bar, ruler, verdict
from pytest_test_categories_reporting.distribution import MINIMUM_SIZED_TESTS, Distribution, sized_tests
from pytest_test_categories_reporting.model import RunReport, TestResult

SLOWEST_PER_SIZE = 3
LISTED = 20  # entries per list in the basic report; detailed lists them all


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    lines: tuple[str, ...]


def render_sections(report: RunReport, *, detailed: bool, glyphs: Glyphs = UNICODE) -> list[Section]:
    limit = None if detailed else LISTED
    sections = [
        Section("test pyramid", tuple(pyramid_lines(report, glyphs))),
        Section("violations by code", tuple(violation_lines(report, limit))),
        Section(f"slowest tests per size (top {SLOWEST_PER_SIZE})", tuple(slowest_lines(report))),
        Section("tests over 80% of their time budget", tuple(near_budget_lines(report, limit))),
    ]
    if detailed:
        sections.append(Section("tests", tuple(test_rows(report.tests))))
    return sections


def render_text(report: RunReport, *, detailed: bool) -> str:
    """The same sections as the terminal shows, for ``--test-size-report-file``."""
    out = [f"test size report ({'detailed' if detailed else 'basic'})"]
    for section in render_sections(report, detailed=detailed):
        out += ["", f"--- {section.title} ---", *section.lines]
    return "\n".join(out) + "\n"


def pyramid_lines(report: RunReport, glyphs: Glyphs = UNICODE) -> list[str]:
    """One line per bar, within 80 columns: size, tests, share, the bar, its target and a verdict."""
    distribution = report.distribution
    lines = [f"{'size':<12} {'tests':>5}  {'share':>6}  {ruler()}  {'target':<9} verdict"]
    for bucket in distribution.buckets:
        target = f"{bucket.target:>3g}% {glyphs.plus_minus}{bucket.tolerance:g}"
        lines.append(
            f"{bucket.label:<12} {bucket.count:>5}  {bucket.percent:>5.1f}%  {bar(bucket, glyphs)}  "
            f"{target:<9} {verdict(bucket, judged=distribution.judged)}"
        )
    lines.append(f"{'unsized':<12} {distribution.unsized:>5}  {'':>6}  (not part of the shares)")
    lines += run_lines(report)
    return lines


def run_lines(report: RunReport) -> list[str]:
    distribution = report.distribution
    outcomes = report.outcomes_line()
    lines = [f"{len(report.tests)} of {report.selected} selected tests reported: {outcomes or 'none'}"]
    if report.partial:
        lines.append(f"PARTIAL RUN: {report.partial_reason}")
    lines.append(distribution_line(distribution))
    return lines


def distribution_line(distribution: Distribution) -> str:
    mode = f"distribution check: {distribution.mode.value}"
    if not distribution.judged:
        return (
            f"{mode}; {sized_tests(distribution.sized)}, fewer than the {MINIMUM_SIZED_TESTS} needed "
            "to judge the shares (shown for information only)"
        )
    if distribution.off_target:
        names = ", ".join(f"{bucket.label} {bucket.status}" for bucket in distribution.off_target)
        return f"{mode}; {sized_tests(distribution.sized)}; outside the targets: {names}"
    return f"{mode}; {sized_tests(distribution.sized)}; every share within its target"


def violation_lines(report: RunReport, limit: int | None) -> list[str]:
    grouped = report.violations_by_code()
    if not grouped:
        return ["none"]
    lines = []
    for code, found in grouped.items():
        lines.append(f"{code} {found[0][1].kind}: {len(found)}")
        lines += _capped([f"  {_test_label(test)}: {_what(violation)}" for test, violation in found], limit)
    return lines


def _what(violation: ReportedViolation) -> str:
    """The message without the "TCxxx kind: " prefix the group header already shows."""
    prefix = f"{violation.code} {violation.kind}: "
    return violation.message.removeprefix(prefix)


def slowest_lines(report: RunReport) -> list[str]:
    slowest = report.slowest(SLOWEST_PER_SIZE)
    if not slowest:
        return ["no sized test ran its call phase"]
    lines = []
    for size, tests in slowest.items():
        for test in tests:
            lines.append(f"{size.value:<8}{test.duration:>10.3f}s  {test.nodeid}")
    return lines


def near_budget_lines(report: RunReport, limit: int | None) -> list[str]:
    near = report.near_budget()
    if not near:
        return ["none"]
    return _capped([f"{_used(test):>5}  {_budget(test):<28}  {test.nodeid}" for test in near], limit)


def test_rows(tests: Sequence[TestResult]) -> list[str]:
    lines = [f"{'size':<8}{'outcome':<9}{'duration':>10}  {'used':>6}  {'violations':<12}node id"]
    for test in tests:
        size = test.size.value if test.size is not None else "-"
        used = _used(test) if test.budget is not None else "-"
        codes = ",".join(violation.code for violation in test.violations) or "-"
        lines.append(f"{size:<8}{test.outcome:<9}{test.duration:>9.3f}s  {used:>6}  {codes:<12}{test.nodeid}")
    return lines


def _used(test: TestResult) -> str:
    return f"{100 * (test.budget_used or 0.0):.0f}%"


def _budget(test: TestResult) -> str:
    source = f"timeout={test.budget:g}" if test.budget_from == "timeout" else f"{_size(test)} limit"
    return f"{test.duration:.3f}s of {test.budget:g}s ({source})"


def _size(test: TestResult) -> str:
    return test.size.value if test.size is not None else "unsized"


def _test_label(test: TestResult) -> str:
    return f"{test.nodeid} [{_size(test)}]"


def _capped(lines: list[str], limit: int | None) -> list[str]:
    if limit is None or len(lines) <= limit:
        return lines
    return [*lines[:limit], f"  ... and {len(lines) - limit} more (--test-size-report=detailed lists all)"]
