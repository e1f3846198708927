"""``pytest-test-categories report merge``: one report, and one distribution check, from many CI shards.

The merged report is rendered by the plugin's own delivery (``merge_output``), from the same model
a run builds, so every ``--test-size-report`` format a run has, the merge has too, and says the same.

Exit status: 0 merged; 1 merged, and the strict distribution check failed (TC007); 2 bad input
(a file that is missing or not a valid report, reports that do not belong together, a bad
option), with one line on stderr naming the file or option and what is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pytest

from pytest_test_categories_core import CommandError, Enforcement, render_violation, write_atomically
from pytest_test_categories_reporting.jsonreport import json_chunks
from pytest_test_categories_reporting.merge import DistributionChoice, Merged, merge_reports
from pytest_test_categories_reporting.merge_output import (
    Delivered,
    OutputChoice,
    deliver_merged,
    output_choice,
)
from pytest_test_categories_reporting.outputs import (
    FILE_OPTIONS,
    FORMAT_NAMES,
    REPORT_OPTION,
    STEP_SUMMARY_ENV,
)
from pytest_test_categories_reporting.report_reading import read_report
from pytest_test_categories_reporting.reportpath import check_report_path, names_a_directory
from pytest_test_categories_reporting.settings import (
    DISTRIBUTION,
    TARGETS_INI,
    TOLERANCE_INI,
    parse_targets,
    parse_tolerance,
)
from pytest_test_categories_reporting.text import distribution_line

TARGETS_OPTION = "--distribution-targets"
TOLERANCE_OPTION = "--distribution-tolerance"
DUPLICATE_RULES = ("latest", "error")
TESTS_FAILED = int(pytest.ExitCode.TESTS_FAILED)


def add_merge(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="merge the JSON reports of one suite's CI shards into one report",
        description="Merge the JSON reports (--test-size-report=json) of one suite's CI shards into the "
        "report of the whole suite, render it in any --test-size-report format, and run the distribution "
        "check on it. Exit status: 0 merged, 1 the strict distribution check failed (TC007), 2 bad input.",
    )
    parser.add_argument("reports", nargs="+", metavar="REPORT", help="JSON reports of the shards")
    parser.add_argument(
        "-o", "--output", metavar="PATH", help="write the merged JSON report here (atomically)"
    )
    parser.add_argument(
        REPORT_OPTION,
        "--format",
        dest="report_formats",
        action="append",
        metavar="FORMAT[,FORMAT...]",
        help=f"render the merged report as a run would ({FORMAT_NAMES}; a comma list, or give the option "
        "again): basic or detailed on stdout; json and markdown to their file, else stdout when alone "
        f"(markdown to ${STEP_SUMMARY_ENV} when set); html to its file",
    )
    parser.add_argument(
        "--test-size-report-file", dest="report_file", metavar="PATH", help="where the one format goes"
    )
    for report_format, option in FILE_OPTIONS.items():
        parser.add_argument(
            option,
            dest=f"{report_format.value}_file",
            metavar="PATH",
            help=f"with {REPORT_OPTION}={report_format.value}: write that report here",
        )
    parser.add_argument(
        DISTRIBUTION.cli or "--test-categories-distribution",
        *DISTRIBUTION.cli_aliases,
        "--distribution",
        dest="distribution",
        metavar="{off,warn,strict}",
        help="the distribution check on the merged tests (default: the strictest mode the reports recorded)",
    )
    parser.add_argument(TARGETS_OPTION, metavar="'small=80 medium=15 large=5'", help="default: the reports'")
    parser.add_argument(TOLERANCE_OPTION, metavar="POINTS", help="default: the reports'")
    parser.add_argument(
        "--duplicates",
        choices=DUPLICATE_RULES,
        default="latest",
        help="a test in several reports: counted once with the latest report's result (latest, the default), "
        "or refused (error)",
    )
    parser.add_argument(
        "--expect-reports",
        metavar="N",
        help="the number of shards: fewer reports make the merged report partial, more are an error",
    )
    parser.add_argument(
        "--force", action="store_true", help="merge reports of different schema versions, suites or settings"
    )
    parser.set_defaults(run=run_merge)


def run_merge(args: argparse.Namespace) -> int:
    try:
        formats, output, choice = _options(args)
        expected_reports = _expected_reports(args.expect_reports)
    except pytest.UsageError as error:
        raise CommandError(str(error)) from None
    reports = [read_report(given) for given in args.reports]
    merged = merge_reports(
        reports,
        force=args.force,
        refuse_duplicates=args.duplicates == "error",
        expected_reports=expected_reports,
        choice=choice,
    )
    report = merged.report
    try:
        if output is not None:
            write_atomically(output, json_chunks(report))
        delivered = deliver_merged(report, formats)
    except OSError as error:
        raise CommandError(f"the merged report could not be written: {error}") from None
    if output is not None:
        delivered.notes.insert(0, f"merged report (json) written to {args.output}")
    _show(merged, delivered, len(reports))
    return TESTS_FAILED if report.distribution.fails else 0


def _options(args: argparse.Namespace) -> tuple[OutputChoice, Path | None, DistributionChoice]:
    """Every option checked before any report is read: a bad one costs nothing."""
    base = Path.cwd()
    format_files = {
        report_format: given
        for report_format in FILE_OPTIONS
        if (given := getattr(args, f"{report_format.value}_file")) is not None
    }
    formats = output_choice(args.report_formats, format_files, args.report_file, base)
    output = None
    if args.output is not None:
        where = f"-o {args.output!r}"
        if not args.output.strip() or names_a_directory(args.output):
            raise CommandError(f"{where}: give a file path, for example merged.json")
        output = Path(base, args.output)
        check_report_path(output, args.output, where)
    choice = DistributionChoice(
        mode=None if args.distribution is None else DISTRIBUTION.parse(args.distribution, "--distribution"),
        targets=_renamed(parse_targets, args.distribution_targets, TARGETS_INI, TARGETS_OPTION),
        tolerance=_renamed(parse_tolerance, args.distribution_tolerance, TOLERANCE_INI, TOLERANCE_OPTION),
    )
    return formats, output, choice


def _expected_reports(given: str | None) -> int | None:
    if given is None:
        return None
    try:
        count = int(given)
    except ValueError:
        count = 0
    if count < 1:
        raise CommandError(
            f"--expect-reports: {given!r} is not a number of shards; give a whole number, 1 or more"
        )
    return count


def _renamed(parse: Any, given: str | None, ini: str, option: str) -> Any:
    """Parse as the ini option is parsed; the message names the command's option instead."""
    if given is None:
        return None
    if not given.strip():
        raise CommandError(f"{option}: an empty value; leave the option out to keep the reports' setting")
    try:
        return parse(given)
    except pytest.UsageError as error:
        raise CommandError(str(error).replace(f"ini option {ini}", option)) from None


def _show(merged: Merged, delivered: Delivered, count: int) -> None:
    report = merged.report
    for text in delivered.printed:
        sys.stdout.write(text)
    sys.stdout.flush()
    err = sys.stderr
    suite = f" of suite {report.suite!r}" if report.suite else ""
    outcomes = report.outcomes_line() or "none"
    reported = f"{len(report.tests)} of {report.selected} selected tests reported: {outcomes}"
    err.write(f"merged {count} reports{suite}: {reported}\n")
    if report.partial:
        err.write(f"PARTIAL RUN: {report.partial_reason}\n")
    if merged.duplicates:
        err.write(
            f"{len(merged.duplicates)} tests were in more than one report, each counted once with the "
            f"latest report's result: {', '.join(merged.duplicates[:3])}"
            f"{' ...' if len(merged.duplicates) > 3 else ''}\n"
        )
    for note in delivered.notes:
        err.write(note + "\n")
    distribution = report.distribution
    if distribution.mode is Enforcement.OFF:
        return
    violation = merged.distribution_violation
    if violation is None:
        err.write(distribution_line(distribution) + "\n")
        return
    err.write(render_violation(violation) + "\n")
    if distribution.fails:
        err.write("distribution check is strict: the merge fails (exit status 1)\n")
    else:
        err.write("distribution check is warn: reported, the merge does not fail on it\n")
