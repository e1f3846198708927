"""The merged report in a ``--test-size-report`` format, through the plugin's own delivery.

The one place where ``report merge`` meets the plugin's output code: the format is parsed and
delivered exactly as at the end of a run (a file, ``$GITHUB_STEP_SUMMARY`` or the terminal), so
a format the plugin gains is one the merge has, with nothing to change here but this adapter
should the delivery's signature change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pytest_test_categories_reporting.finish import Finished, deliver
from pytest_test_categories_reporting.model import RunReport
from pytest_test_categories_reporting.reportpath import check_report_path, report_path
from pytest_test_categories_reporting.settings import (
    FORMAT_NAMES,
    REPORT_OPTION,
    STEP_SUMMARY_ENV,
    ReportFormat,
    ReportSettings,
    parse_report_format,
)
from pytest_test_categories_reporting.text import render_text

REPORT_FILE_OPTION = "--test-size-report-file"
TERMINAL = (ReportFormat.BASIC, ReportFormat.DETAILED)


@dataclass(frozen=True, slots=True)
class OutputChoice:
    """A checked ``--test-size-report`` and ``--test-size-report-file``."""

    report_format: ReportFormat | None
    report_file: Path | None


@dataclass
class Delivered:
    printed: list[str] = field(default_factory=list)  # for stdout
    notes: list[str] = field(default_factory=list)  # for stderr


def output_choice(given_format: str | None, given_file: str | None, base: Path) -> OutputChoice:
    """Raises ``pytest.UsageError`` with the plugin's own message for a bad format or path."""
    report_format = parse_report_format(given_format)
    report_file = None
    if given_file is not None:
        if report_format is None:
            raise pytest.UsageError(
                f"{REPORT_FILE_OPTION} {given_file!r} needs {REPORT_OPTION} too; "
                f"allowed formats: {FORMAT_NAMES}"
            )
        report_file = report_path(given_file, base, check=True)
    elif report_format is ReportFormat.MARKDOWN and os.environ.get(STEP_SUMMARY_ENV, ""):
        step_summary = os.environ[STEP_SUMMARY_ENV]
        check_report_path(Path(base, step_summary), step_summary, f"${STEP_SUMMARY_ENV} {step_summary!r}")
    return OutputChoice(report_format, report_file)


def deliver_merged(report: RunReport, choice: OutputChoice) -> Delivered:
    """Write or render the report as a run would; ``OSError`` when a file cannot be written."""
    delivered = Delivered()
    if choice.report_format is None:
        return delivered
    distribution = report.distribution
    settings = ReportSettings(
        report_format=choice.report_format,
        report_file=choice.report_file,
        distribution=distribution.mode,
        targets=distribution.targets,
        tolerance=distribution.tolerance,
    )
    finished = Finished(report, settings)
    deliver(finished)
    if choice.report_format in TERMINAL and choice.report_file is None:
        # the plugin shows these in pytest's terminal summary; the command prints the same text
        delivered.printed.append(render_text(report, detailed=choice.report_format is ReportFormat.DETAILED))
    if finished.printed is not None:
        delivered.printed.append(finished.printed)
    delivered.notes += finished.notes + [f"ERROR: {problem}" for problem in finished.problems]
    return delivered
