"""What the run's end shows in the terminal: the report asked for, its notes, the distribution check."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import Enforcement, render_violation
from pytest_test_categories_reporting.bars import Glyphs
from pytest_test_categories_reporting.finish import Finished
from pytest_test_categories_reporting.settings import ReportFormat
from pytest_test_categories_reporting.text import distribution_line, render_sections


def show_failure(terminal: pytest.TerminalReporter, failure: str) -> None:
    """Our own bug building the report: said in the summary, never an INTERNALERROR."""
    terminal.write_sep("=", "test size report failed", red=True)
    terminal.write_line("pytest-test-categories-reporting could not build its report:")
    terminal.write_line(failure.rstrip())


def show(terminal: pytest.TerminalReporter, finished: Finished, glyphs: Glyphs) -> None:
    shown = finished.settings.in_terminal
    if shown is not None:
        terminal.write_sep("=", f"test size report ({shown.report_format.value})")
        detailed = shown.report_format is ReportFormat.DETAILED
        for section in render_sections(finished.report, detailed=detailed, glyphs=glyphs):
            terminal.write_sep("-", section.title)
            for line in section.lines:
                terminal.write_line(line)
    for report_format, text in finished.printed:
        terminal.write_sep("=", f"test size report ({report_format.value})")
        terminal.write(text)
    for note in finished.notes:
        terminal.write_line(note)
    for problem in finished.problems:
        terminal.write_line(f"ERROR: {problem}", red=True, bold=True)
    show_distribution(terminal, finished)


def show_distribution(terminal: pytest.TerminalReporter, finished: Finished) -> None:
    distribution = finished.report.distribution
    if distribution.mode is Enforcement.OFF:
        return
    violation = finished.distribution_violation
    if violation is None:
        # The basic and detailed pyramids end with this line already.
        if finished.settings.in_terminal is None:
            terminal.write_line(distribution_line(distribution))
        return
    strict = distribution.mode is Enforcement.STRICT
    terminal.write_sep("=", "TC007 test distribution", red=strict, yellow=not strict)
    terminal.write_line(render_violation(violation))
    if strict:
        terminal.write_line("distribution check is strict: the run fails", red=True, bold=True)
    else:
        terminal.write_line("distribution check is warn: reported, the run does not fail on it")
