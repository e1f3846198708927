"""The end of the run: build the report once, apply the distribution check, write the outputs.

Everything here runs in ``pytest_sessionfinish``, also after Ctrl-C, ``-x`` or ``--maxfail``,
so an interrupted run still leaves a valid report that says it is partial.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pytest_test_categories_core import Violation
from pytest_test_categories_reporting.crashes import crash_reason
from pytest_test_categories_reporting.distribution import distribution_violation, evaluate
from pytest_test_categories_reporting.environment import environment
from pytest_test_categories_reporting.jsonreport import json_chunks, render_json
from pytest_test_categories_reporting.markdown import STEP_SUMMARY_CAP, fit_markdown, render_markdown
from pytest_test_categories_reporting.model import RunReport, size_counter, sorted_results
from pytest_test_categories_reporting.output import append, room_in, write_atomically
from pytest_test_categories_reporting.recorder import Recorder
from pytest_test_categories_reporting.settings import STEP_SUMMARY_ENV, ReportFormat, ReportSettings
from pytest_test_categories_reporting.suite_identity import suite_of
from pytest_test_categories_reporting.text import render_text


@dataclass
class Finished:
    """What the terminal summary shows about the end of the run."""

    report: RunReport
    settings: ReportSettings
    distribution_violation: Violation | None = None
    printed: str | None = None  # a json or markdown report shown in the terminal
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def finish(recorder: Recorder, settings: ReportSettings, session: pytest.Session) -> Finished:
    tests = sorted_results(recorder.results)
    distribution = evaluate(
        size_counter(tests),
        mode=settings.distribution,
        targets=settings.targets,
        tolerance=settings.tolerance,
    )
    violation = None
    if distribution.status == "off-target":
        violation = distribution_violation(distribution)
        if distribution.fails and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
    report = RunReport(
        created=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        tests=tests,
        selected=session.testscollected,
        unfinished=tuple(recorder.unfinished()),
        partial_reason=partial_reason(recorder, session, len(tests)),
        exit_status=int(session.exitstatus),
        time_limits=recorder.time_limits,
        distribution=distribution,
        environment=environment(),
        suite=suite_of(session.config),
    )
    finished = Finished(report=report, settings=settings, distribution_violation=violation)
    try:
        deliver(finished)
    except OSError as error:
        target = settings.report_file or os.environ.get(STEP_SUMMARY_ENV, "")
        finished.problems.append(f"the test size report could not be written to {str(target)!r}: {error}")
    return finished


def partial_reason(recorder: Recorder, session: pytest.Session, reported: int) -> str | None:
    reasons = []
    if recorder.interruption is not None:
        reasons.append(f"interrupted ({recorder.interruption})")
    elif session.shouldfail:
        reasons.append(f"stopped early ({session.shouldfail})")
    elif session.shouldstop:
        reasons.append(f"stopped early ({session.shouldstop})")
    elif session.exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR):
        reasons.append(f"ended with exit status {int(session.exitstatus)}")
    crashed = crash_reason(recorder.crashes)
    if crashed is not None:
        reasons.append(crashed)
    missing = session.testscollected - reported
    if missing > 0:
        reasons.append(f"{missing} of {session.testscollected} selected tests did not report a result")
    return "; ".join(reasons) or None


def deliver(finished: Finished) -> None:
    """Write the report where it was asked for; terminal formats are shown by the terminal summary."""
    settings = finished.settings
    report = finished.report
    path = settings.report_file
    if settings.report_format in (ReportFormat.BASIC, ReportFormat.DETAILED):
        if path is not None:
            write_atomically(
                path, render_text(report, detailed=settings.report_format is ReportFormat.DETAILED)
            )
            finished.notes.append(f"test size report written to {path}")
    elif settings.report_format is ReportFormat.JSON:
        if path is None:
            finished.printed = render_json(report)
        else:
            write_atomically(path, json_chunks(report))
            finished.notes.append(f"test size report (json) written to {path}")
    elif settings.report_format is ReportFormat.MARKDOWN:
        step_summary = os.environ.get(STEP_SUMMARY_ENV, "")
        if path is not None:
            write_atomically(path, render_markdown(report, rows=None))
            finished.notes.append(f"test size report (markdown) written to {path}")
        elif step_summary:
            append_step_summary(finished, Path(step_summary))
        else:
            finished.printed = render_markdown(report)


def append_step_summary(finished: Finished, path: Path) -> None:
    """Append to ``$GITHUB_STEP_SUMMARY`` without going over GitHub's 1 MiB per step."""
    room = room_in(path, STEP_SUMMARY_CAP)
    separator = "\n" if room < STEP_SUMMARY_CAP else ""
    text = fit_markdown(finished.report, room - len(separator))
    if text is None:
        finished.problems.append(
            f"the markdown report does not fit in ${STEP_SUMMARY_ENV} ({path}): GitHub allows 1 MiB per "
            "step and the file is (nearly) full; use --test-size-report-file to write it elsewhere"
        )
        return
    append(path, separator + text)
    cut = "" if text == render_markdown(finished.report) else " (lists shortened to fit GitHub's 1 MiB limit)"
    finished.notes.append(f"test size report (markdown) appended to ${STEP_SUMMARY_ENV}{cut}")
