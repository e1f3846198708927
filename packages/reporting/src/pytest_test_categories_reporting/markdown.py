"""The ``markdown`` report: tables that read well as a GitHub Actions job summary.

The pyramid comes first as a mermaid chart, which GitHub draws; the table below it says the
same for every other viewer.

GitHub accepts at most 1 MiB per step summary, so long lists are cut to fit, most important
first: the pyramid and the run, then violations, then timing lists.
"""

from __future__ import annotations

from pytest_test_categories_reporting.distribution import MINIMUM_SIZED_TESTS, Distribution, sized_tests
from pytest_test_categories_reporting.model import RunReport, TestResult
from pytest_test_categories_reporting.text import SLOWEST_PER_SIZE

STEP_SUMMARY_CAP = 1024 * 1024
ROW_LIMITS = (200, 50, 10, 0)
_STATUS = {"ok": "✅ ok", "low": "❌ too few", "high": "❌ too many"}
_UNJUDGED = {"ok": "ok", "low": "below target", "high": "above target"}


def render_markdown(report: RunReport, *, rows: int | None = ROW_LIMITS[0]) -> str:
    """The whole report; ``rows`` caps every per-test list (None lists everything)."""
    out = ["## Test sizes", "", _run_line(report), ""]
    out += _pyramid(report)
    out += _violations(report, rows)
    out += _slowest(report)
    out += _near_budget(report, rows)
    return "\n".join(out).rstrip("\n") + "\n"


def fit_markdown(report: RunReport, room: int) -> str | None:
    """The fullest rendering whose UTF-8 size fits in ``room`` bytes, or None if none does."""
    for rows in ROW_LIMITS:
        text = render_markdown(report, rows=rows)
        if len(text.encode("utf-8")) <= room:
            return text
    return None


def _run_line(report: RunReport) -> str:
    outcomes = report.outcomes_line()
    line = f"**{len(report.tests)}** of {report.selected} selected tests reported: {outcomes or 'none'}."
    if report.partial:
        line += f" **Partial run**: {_cell(report.partial_reason or '')}."
    return line


def mermaid_chart(distribution: Distribution) -> list[str]:
    """A bar per size (its share) and a line through the targets, as GitHub draws mermaid charts."""
    names = ", ".join(f'"{bucket.label}"' for bucket in distribution.buckets)
    shares = ", ".join(f"{bucket.percent:.1f}" for bucket in distribution.buckets)
    targets = ", ".join(f"{bucket.target:g}" for bucket in distribution.buckets)
    return [
        "```mermaid",
        "xychart-beta",
        f'    title "Share of the {sized_tests(distribution.sized)} (bars) against the targets (line)"',
        f"    x-axis [{names}]",
        '    y-axis "% of sized tests" 0 --> 100',
        f"    bar [{shares}]",
        f"    line [{targets}]",
        "```",
        "",
    ]


def _pyramid(report: RunReport) -> list[str]:
    distribution = report.distribution
    lines = mermaid_chart(distribution)
    lines += ["| Size | Tests | Share | Target | Status |", "|---|---:|---:|---:|---|"]
    status = _STATUS if distribution.judged else _UNJUDGED
    for bucket in distribution.buckets:
        lines.append(
            f"| {bucket.label} | {bucket.count} | {bucket.percent:.1f}% | "
            f"{bucket.target:g}% ±{bucket.tolerance:g} | {status[bucket.status]} |"
        )
    lines.append(f"| unsized | {distribution.unsized} | | | not part of the shares |")
    lines.append("")
    if not distribution.judged:
        verdict = (
            f"only {sized_tests(distribution.sized)}, fewer than {MINIMUM_SIZED_TESTS}: "
            "shown for information, not judged"
        )
    elif distribution.off_target:
        verdict = "**outside the targets** (TC007)"
    else:
        verdict = "every share within its target"
    lines += [f"Distribution check `{distribution.mode.value}`: {verdict}.", ""]
    return lines


def _violations(report: RunReport, rows: int | None) -> list[str]:
    grouped = report.violations_by_code()
    if not grouped:
        return ["### Violations", "", "None.", ""]
    total = sum(len(found) for found in grouped.values())
    lines = [f"### Violations ({total})", "", "| Code | Kind | Count |", "|---|---|---:|"]
    for code, found in grouped.items():
        lines.append(f"| {code} | {found[0][1].kind} | {len(found)} |")
    lines.append("")
    every = [(test, violation) for found in grouped.values() for test, violation in found]
    shown = every if rows is None else every[:rows]
    if shown:
        lines += [
            "<details><summary>Tests with violations</summary>",
            "",
            "| Test | Size | Violation |",
            "|---|---|---|",
        ]
        for test, violation in shown:
            lines.append(f"| {_nodeid(test)} | {_size(test)} | {_cell(violation.message)} |")
        if len(shown) < len(every):
            lines.append(f"| … and {len(every) - len(shown)} more | | |")
        lines += ["", "</details>", ""]
    return lines


def _slowest(report: RunReport) -> list[str]:
    slowest = report.slowest(SLOWEST_PER_SIZE)
    if not slowest:
        return []
    lines = [
        f"### Slowest tests per size (top {SLOWEST_PER_SIZE})",
        "",
        "| Size | Test | Seconds |",
        "|---|---|---:|",
    ]
    for size, tests in slowest.items():
        for test in tests:
            lines.append(f"| {size.value} | {_nodeid(test)} | {test.duration:.3f} |")
    lines.append("")
    return lines


def _near_budget(report: RunReport, rows: int | None) -> list[str]:
    near = report.near_budget()
    if not near:
        return []
    shown = near if rows is None else near[:rows]
    lines = [
        "### Tests over 80% of their time budget",
        "",
        "| Test | Size | Seconds | Budget | Used |",
        "|---|---|---:|---:|---:|",
    ]
    for test in shown:
        source = "timeout=" if test.budget_from == "timeout" else "limit "
        lines.append(
            f"| {_nodeid(test)} | {_size(test)} | {test.duration:.3f} | {source}{test.budget:g} s | "
            f"{100 * (test.budget_used or 0.0):.0f}% |"
        )
    if len(shown) < len(near):
        lines.append(f"| … and {len(near) - len(shown)} more | | | | |")
    lines.append("")
    return lines


def _size(test: TestResult) -> str:
    return test.size.value if test.size is not None else "unsized"


def _nodeid(test: TestResult) -> str:
    safe = _cell(test.nodeid).replace("`", "'")
    return f"`{safe}`"


def _cell(text: str) -> str:
    """Table cells must not break the table: no pipes, no newlines."""
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
