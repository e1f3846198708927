"""The end of the run: build the report once, apply the distribution check, write the outputs.

Everything here runs in ``pytest_sessionfinish``, also after Ctrl-C, ``-x`` or ``--maxfail``,
so an interrupted run still leaves a valid report that says it is partial.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pytest_test_categories_core import Violation
from pytest_test_categories_reporting.crashes import crash_reason
from pytest_test_categories_reporting.distribution import distribution_violation, evaluate
from pytest_test_categories_reporting.environment import environment
from pytest_test_categories_reporting.jsonreport import render_json
from pytest_test_categories_reporting.markdown import STEP_SUMMARY_CAP, fit_markdown, render_markdown
from pytest_test_categories_reporting.model import RunReport, size_counter, sorted_results
from pytest_test_categories_reporting.output import append, room_in
from pytest_test_categories_reporting.outputs import ReportFormat, ReportOutput
from pytest_test_categories_reporting.recorder import Recorder
from pytest_test_categories_reporting.render import write_report
from pytest_test_categories_reporting.settings import STEP_SUMMARY_ENV, ReportSettings
from pytest_test_categories_reporting.suite_identity import suite_of


@dataclass
class Finished:
    """What the terminal summary shows about the end of the run."""

    report: RunReport
    settings: ReportSettings
    distribution_violation: Violation | None = None
    printed: list[tuple[ReportFormat, str]] = field(default_factory=list)  # json or markdown shown
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
    for output in settings.outputs:
        try:
            deliver(finished, output)
        except OSError as error:
            target = output.path or output.step_summary
            finished.problems.append(
                f"the test size report ({output.report_format.value}) could not be written to "
                f"{str(target)!r}: {error}"
            )
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


def deliver(finished: Finished, output: ReportOutput) -> None:
    """Write one report where it was asked for; basic and detailed show in the terminal summary."""
    report = finished.report
    report_format = output.report_format
    if output.path is not None:
        write_report(report, report_format, output.path)
        finished.notes.append(f"test size report ({report_format.value}) written to {output.path}")
    elif output.step_summary is not None:
        append_step_summary(finished, output.step_summary)
    elif report_format is ReportFormat.JSON:
        finished.printed.append((report_format, render_json(report)))
    elif report_format is ReportFormat.MARKDOWN:
        finished.printed.append((report_format, render_markdown(report)))


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
