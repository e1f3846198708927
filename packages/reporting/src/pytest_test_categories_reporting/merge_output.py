"""The merged report in a ``--test-size-report`` format, through the plugin's own delivery.

The one place where ``report merge`` meets the plugin's output code: the format is parsed and
delivered exactly as at the end of a run (a file, ``$GITHUB_STEP_SUMMARY`` or the terminal), so
a format the plugin gains is one the merge has, with nothing to change here but this adapter
should the delivery's signature change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pytest_test_categories_reporting.finish import Finished, deliver
from pytest_test_categories_reporting.model import RunReport
from pytest_test_categories_reporting.outputs import (
    TERMINAL_FORMATS,
    ReportFormat,
    ReportOutput,
    outputs_for,
)
from pytest_test_categories_reporting.settings import ReportSettings
from pytest_test_categories_reporting.text import render_text


@dataclass(frozen=True, slots=True)
class OutputChoice:
    """The checked ``--test-size-report`` formats and where each one goes."""

    outputs: tuple[ReportOutput, ...]


@dataclass
class Delivered:
    printed: list[str] = field(default_factory=list)  # for stdout
    notes: list[str] = field(default_factory=list)  # for stderr


def output_choice(
    given_formats: Sequence[str] | None,
    format_files: Mapping[ReportFormat, str],
    given_file: str | None,
    base: Path,
) -> OutputChoice:
    """Raises ``pytest.UsageError`` with the plugin's own message for a bad format, combination or path."""
    return OutputChoice(outputs_for(given_formats, format_files, given_file, base=base, check_paths=True))


def deliver_merged(report: RunReport, choice: OutputChoice) -> Delivered:
    """Write or render the report as a run would; ``OSError`` when a file cannot be written."""
    delivered = Delivered()
    if not choice.outputs:
        return delivered
    distribution = report.distribution
    settings = ReportSettings(
        outputs=choice.outputs,
        distribution=distribution.mode,
        targets=distribution.targets,
        tolerance=distribution.tolerance,
    )
    finished = Finished(report, settings)
    for output in choice.outputs:
        deliver(finished, output)
        if output.report_format in TERMINAL_FORMATS and output.printed:
            # the plugin shows these in pytest's terminal summary; the command prints the same text
            detailed = output.report_format is ReportFormat.DETAILED
            delivered.printed.append(render_text(report, detailed=detailed))
    delivered.printed += [text for _format, text in finished.printed]
    delivered.notes += finished.notes + [f"ERROR: {problem}" for problem in finished.problems]
    return delivered
