"""The ``html`` report: one self-contained page for people, from the same ``RunReport`` as every format.

No external asset and no script: the styles are inline, the pyramid is inline SVG, and the list of
every test is grouped by size in ``<details>`` blocks, so the file reads the same from a CI
artifact, a mail attachment or a browser with no network.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from html import escape

from pytest_test_categories_core import DOCS_URL, TestSize
from pytest_test_categories_reporting.model import RunReport, TestResult
from pytest_test_categories_reporting.phase_outcomes import OUTCOMES
from pytest_test_categories_reporting.pyramid_svg import pyramid_svg
from pytest_test_categories_reporting.text import SLOWEST_PER_SIZE, distribution_line

UNSIZED = "unsized"

STYLE = """
:root { color-scheme: light dark; --ok: #1a7f37; --off: #cf222e; --info: #0969da; --muted: #59636e;
  --band: rgba(26, 127, 55, .16); --line: #d1d9e0; --zebra: rgba(127, 127, 127, .07); }
@media (prefers-color-scheme: dark) { :root { --ok: #3fb950; --off: #f85149; --info: #4493f8;
  --muted: #9198a1; --band: rgba(63, 185, 80, .2); --line: #3d444d; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
  max-width: 72rem; padding: 1rem 1.5rem 3rem; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid var(--line); }
.run, .note, footer { color: var(--muted); }
.partial { border-left: 4px solid var(--off); padding: .5rem 1rem; background: var(--zebra); }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { padding: .25rem .75rem; text-align: left; vertical-align: top;
  border-bottom: 1px solid var(--line); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: var(--zebra); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em;
  overflow-wrap: anywhere; }
.failed, .error { color: var(--off); font-weight: 600; } .passed { color: var(--ok); }
summary { cursor: pointer; font-weight: 600; margin: .4rem 0; }
"""


def html_chunks(report: RunReport) -> Iterator[str]:
    """The page, in pieces: the list of every test is written row by row."""
    yield _head(report)
    yield _header(report)
    yield _pyramid(report)
    yield _counts(report)
    yield _violations(report)
    yield _slowest(report)
    yield _near_budget(report)
    yield from _every_test(report)
    yield _footer(report)


def render_html(report: RunReport) -> str:
    return "".join(html_chunks(report))


def _head(report: RunReport) -> str:
    title = f"Test sizes: {len(report.tests)} tests" + (" (partial run)" if report.partial else "")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    )


def _header(report: RunReport) -> str:
    outcomes = report.outcomes_line() or "none"
    lines = [
        "<header>",
        "<h1>Test sizes</h1>",
        f'<p class="run"><strong>{len(report.tests)}</strong> of {report.selected} selected tests '
        f"reported: {escape(outcomes)} · {report.total_duration:.2f} s of test calls · "
        f"{escape(report.created)}</p>",
    ]
    if report.partial:
        lines.append(
            '<p class="partial" id="partial"><strong>Partial run</strong>: '
            f"{escape(report.partial_reason or '')}</p>"
        )
        if report.unfinished:
            unfinished = "".join(f"<li><code>{escape(nodeid)}</code></li>" for nodeid in report.unfinished)
            lines.append(f"<p>Unfinished tests:</p><ul>{unfinished}</ul>")
    lines.append("</header>")
    return "\n".join(lines) + "\n"


def _pyramid(report: RunReport) -> str:
    distribution = report.distribution
    return (
        '<section id="pyramid">\n<h2>Pyramid</h2>\n'
        f"{pyramid_svg(distribution)}\n"
        '<p class="note">Bar: the share of the sized tests; shaded band: target ± tolerance; '
        "dashed marks: the target.</p>\n"
        f"<p>{escape(distribution_line(distribution))}; {distribution.unsized} unsized "
        "(not part of the shares).</p>\n"
        "</section>\n"
    )


def _counts(report: RunReport) -> str:
    counts = Counter((_size(test), test.outcome) for test in report.tests)
    rows = [*(size.value for size in TestSize), UNSIZED]
    head = "".join(f'<th class="n">{outcome}</th>' for outcome in OUTCOMES)
    lines = [
        '<section id="counts">\n<h2>Tests per size and outcome</h2>',
        f'<table class="counts"><thead><tr><th>size</th>{head}<th class="n">total</th></tr></thead><tbody>',
    ]
    for size in rows:
        cells = "".join(f'<td class="n">{counts.get((size, outcome), 0)}</td>' for outcome in OUTCOMES)
        total = sum(counts.get((size, outcome), 0) for outcome in OUTCOMES)
        lines.append(f'<tr data-size="{size}"><th>{size}</th>{cells}<td class="n">{total}</td></tr>')
    totals = report.outcome_counts()
    cells = "".join(f'<td class="n">{totals[outcome]}</td>' for outcome in OUTCOMES)
    lines.append(
        f'</tbody><tfoot><tr><th>total</th>{cells}<td class="n">{len(report.tests)}</td></tr></tfoot>'
    )
    lines.append("</table>\n</section>\n")
    return "\n".join(lines)


def _violations(report: RunReport) -> str:
    grouped = report.violations_by_code()
    total = sum(len(found) for found in grouped.values())
    lines = [f'<section id="violations">\n<h2>Violations ({total})</h2>']
    if not grouped:
        lines.append("<p>None: every test kept the promises of its size.</p>")
    for code, found in grouped.items():
        kind = escape(found[0][1].kind)
        url = f"{DOCS_URL}{code.lower()}/"
        lines += [
            f'<section class="violation-group" id="{escape(code.lower())}" data-code="{escape(code)}">',
            f'<h3><a href="{escape(url)}">{escape(code)}</a> {kind} ({len(found)})</h3>',
            "<table><thead><tr><th>test</th><th>size</th><th>what happened</th></tr></thead><tbody>",
        ]
        for test, violation in found:
            what = violation.message.removeprefix(f"{violation.code} {violation.kind}: ")
            lines.append(
                f"<tr><td><code>{escape(test.nodeid)}</code></td><td>{_size(test)}</td>"
                f"<td>{escape(what)}</td></tr>"
            )
        lines.append("</tbody></table>\n</section>")
    lines.append("</section>\n")
    return "\n".join(lines)


def _slowest(report: RunReport) -> str:
    slowest = report.slowest(SLOWEST_PER_SIZE)
    lines = [f'<section id="slowest">\n<h2>Slowest tests per size (top {SLOWEST_PER_SIZE})</h2>']
    if not slowest:
        lines.append("<p>No sized test ran its call phase.</p>")
    else:
        lines.append(
            '<table><thead><tr><th>size</th><th>test</th><th class="n">seconds</th></tr></thead><tbody>'
        )
        for size, tests in slowest.items():
            for test in tests:
                lines.append(
                    f"<tr><td>{size.value}</td><td><code>{escape(test.nodeid)}</code></td>"
                    f'<td class="n">{test.duration:.3f}</td></tr>'
                )
        lines.append("</tbody></table>")
    lines.append("</section>\n")
    return "\n".join(lines)


def _near_budget(report: RunReport) -> str:
    near = report.near_budget()
    lines = ['<section id="near-budget">\n<h2>Tests over 80% of their time budget</h2>']
    if not near:
        lines.append("<p>None.</p>")
    else:
        lines.append(
            '<table><thead><tr><th>test</th><th>size</th><th class="n">seconds</th>'
            '<th class="n">budget</th><th class="n">used</th></tr></thead><tbody>'
        )
        for test in near:
            lines.append(
                f"<tr><td><code>{escape(test.nodeid)}</code></td><td>{_size(test)}</td>"
                f'<td class="n">{test.duration:.3f}</td><td class="n">{_budget(test)}</td>'
                f'<td class="n">{_used(test)}</td></tr>'
            )
        lines.append("</tbody></table>")
    lines.append("</section>\n")
    return "\n".join(lines)


def _every_test(report: RunReport) -> Iterator[str]:
    groups: dict[str, list[TestResult]] = {size.value: [] for size in TestSize}
    groups[UNSIZED] = []
    for test in report.tests:
        groups[_size(test)].append(test)
    yield f'<section id="tests">\n<h2>Every test ({len(report.tests)})</h2>\n'
    yield '<p class="note">Grouped by size; open a group to see its tests in node-id order.</p>\n'
    for size, tests in groups.items():
        if not tests:
            continue
        # A group with a failure or a violation opens by itself: that is what the reader came for.
        attention = any(test.outcome in ("failed", "error") or test.violations for test in tests)
        summary = Counter(test.outcome for test in tests)
        counted = ", ".join(f"{summary[outcome]} {outcome}" for outcome in OUTCOMES if summary[outcome])
        yield (
            f'<details class="size-group" data-size="{size}"{" open" if attention else ""}>'
            f"<summary>{size}: {len(tests)} tests ({counted})</summary>\n"
            '<table><thead><tr><th>test</th><th>outcome</th><th class="n">seconds</th>'
            '<th class="n">budget</th><th class="n">used</th><th>violations</th></tr></thead><tbody>\n'
        )
        yield from _test_rows(tests)
        yield "</tbody></table>\n</details>\n"
    yield "</section>\n"


def _test_rows(tests: Sequence[TestResult]) -> Iterator[str]:
    for test in tests:
        codes = " ".join(
            f'<a href="{DOCS_URL}{violation.code.lower()}/">{escape(violation.code)}</a>'
            for violation in test.violations
        )
        budget = _budget(test) if test.budget is not None else ""
        used = _used(test) if test.budget is not None else ""
        yield (
            f'<tr><td><code>{escape(test.nodeid)}</code></td><td class="{escape(test.outcome)}">'
            f'{escape(test.outcome)}</td><td class="n">{test.duration:.3f}</td><td class="n">{budget}</td>'
            f'<td class="n">{used}</td><td>{codes}</td></tr>\n'
        )


def _footer(report: RunReport) -> str:
    environment = report.environment
    made_with = ", ".join(
        f"{name} {version}"
        for name, version in (("Python", environment.get("python")), ("pytest", environment.get("pytest")))
        if version
    )
    return (
        f"<footer><p>pytest-test-categories test size report · {escape(made_with)} · "
        f"exit status {report.exit_status}</p></footer>\n</body>\n</html>\n"
    )


def _size(test: TestResult) -> str:
    return test.size.value if test.size is not None else UNSIZED


def _used(test: TestResult) -> str:
    return f"{100 * (test.budget_used or 0.0):.0f}%"


def _budget(test: TestResult) -> str:
    source = "timeout=" if test.budget_from == "timeout" else ""
    return f"{source}{test.budget:g} s"
