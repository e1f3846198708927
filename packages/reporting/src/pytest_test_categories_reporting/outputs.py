"""``--test-size-report``: one format or several, and where each one goes.

One CI run may want JSON for tools, markdown for the job summary and HTML for people. Each format
that writes a file has its own file option, or a default name when it shares the run with others;
the terminal formats (basic, detailed) show in the terminal. Every combination that cannot be
honoured as written is a usage error at start-up.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pytest

from pytest_test_categories_reporting.reportpath import REPORT_FILE_OPTION, check_report_path, report_path

REPORT_OPTION = "--test-size-report"
STEP_SUMMARY_ENV = "GITHUB_STEP_SUMMARY"  # GitHub Actions: the job summary file of this step


class ReportFormat(enum.Enum):
    """What ``--test-size-report`` produces."""

    BASIC = "basic"
    DETAILED = "detailed"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


FORMAT_NAMES = ", ".join(member.value for member in ReportFormat)
TERMINAL_FORMATS = frozenset({ReportFormat.BASIC, ReportFormat.DETAILED})

# The file option of each format that writes a file, and the file it writes when given none
# while other formats share the run (relative to the directory pytest was started in).
FILE_OPTIONS: Mapping[ReportFormat, str] = MappingProxyType(
    {
        ReportFormat.JSON: "--test-size-report-json-file",
        ReportFormat.MARKDOWN: "--test-size-report-markdown-file",
        ReportFormat.HTML: "--test-size-report-html-file",
    }
)
DEFAULT_FILES: Mapping[ReportFormat, str] = MappingProxyType(
    {
        ReportFormat.JSON: "test-size-report.json",
        ReportFormat.MARKDOWN: "test-size-report.md",
        ReportFormat.HTML: "test-size-report.html",
    }
)


@dataclass(frozen=True, slots=True)
class ReportOutput:
    """One report of the run: its format and where it goes.

    ``path`` None means the terminal, except for markdown with ``step_summary`` set: then it is
    appended to ``$GITHUB_STEP_SUMMARY``.
    """

    report_format: ReportFormat
    path: Path | None = None
    step_summary: Path | None = None

    @property
    def printed(self) -> bool:
        """Whether the report goes to the terminal (and nowhere else)."""
        return self.path is None and self.step_summary is None


def register_outputs(group: pytest.OptionGroup) -> None:
    group.addoption(
        REPORT_OPTION,
        dest="test_size_report",
        default=None,
        action="append",
        # Given alone, it means basic, as it did in the earlier plugin.
        nargs="?",
        const=ReportFormat.BASIC.value,
        metavar="FORMAT[,FORMAT...]",
        help=f"report the test pyramid; formats: {FORMAT_NAMES} (a comma list, or give the option "
        "again). basic (the default when no format is given) and detailed show in the terminal; json "
        "and markdown go to their file, or the terminal when alone (markdown to $GITHUB_STEP_SUMMARY "
        "when set); html goes to its file, by default test-size-report.html",
    )
    group.addoption(
        REPORT_FILE_OPTION,
        dest="test_size_report_file",
        default=None,
        metavar="PATH",
        help="write the --test-size-report to this file (replaced atomically); with several formats, "
        "the file of the one that is not basic or detailed",
    )
    for report_format, option in FILE_OPTIONS.items():
        group.addoption(
            option,
            dest=_dest(report_format),
            default=None,
            metavar="PATH",
            help=f"with --test-size-report={report_format.value}: write that report to this file "
            f"(default with several formats: {DEFAULT_FILES[report_format]})",
        )


def _dest(report_format: ReportFormat) -> str:
    return f"test_size_report_{report_format.value}_file"


def parse_formats(given: Sequence[object] | None) -> tuple[ReportFormat, ...]:
    """The formats asked for, in the order given, each once; ``basic`` with ``detailed`` is an error."""
    if not given:
        return ()
    formats: list[ReportFormat] = []
    for raw in given:
        for name in str(raw).split(","):
            report_format = parse_format(name, raw)
            if report_format not in formats:
                formats.append(report_format)
    if ReportFormat.BASIC in formats and ReportFormat.DETAILED in formats:
        raise pytest.UsageError(
            f"{REPORT_OPTION}: basic and detailed are the same terminal report (detailed adds one row "
            "per test); choose one of them"
        )
    return tuple(formats)


def parse_report_format(raw: object) -> ReportFormat | None:
    """One format (None for none given); a usage error names the value and the allowed ones."""
    return None if raw is None else parse_format(str(raw), raw)


def parse_format(name: str, raw: object) -> ReportFormat:
    wanted = name.strip().lower()
    for member in ReportFormat:
        if member.value == wanted:
            return member
    hint = ""
    if any(mark in wanted for mark in ("/", "\\", ".", "::")):
        # `--test-size-report tests/`: the option took the path given after it as its format
        hint = f" (to run {raw} with the basic report, write {REPORT_OPTION}=basic {raw})"
    shown = repr(name) if name == raw else f"{name!r} in {str(raw)!r}"
    raise pytest.UsageError(f"{REPORT_OPTION}: unknown format {shown}; allowed formats: {FORMAT_NAMES}{hint}")


def resolve_outputs(config: pytest.Config, *, check_paths: bool) -> tuple[ReportOutput, ...]:
    """Where each asked-for format goes; ``check_paths`` is off on xdist workers (they write nothing)."""
    return outputs_for(
        config.getoption("test_size_report", None),
        {
            report_format: str(value)
            for report_format in FILE_OPTIONS
            if (value := config.getoption(_dest(report_format), None)) is not None
        },
        config.getoption("test_size_report_file", None),
        base=config.invocation_params.dir,
        check_paths=check_paths,
    )


def outputs_for(
    given_formats: Sequence[object] | None,
    format_files: Mapping[ReportFormat, str],
    shared_file: object | None,
    *,
    base: Path,
    check_paths: bool,
) -> tuple[ReportOutput, ...]:
    """Where each format goes, from the option values as given (a run's, or a command's)."""
    formats = parse_formats(given_formats)
    given_files = {
        report_format: (given, FILE_OPTIONS[report_format]) for report_format, given in format_files.items()
    }
    for report_format, (given, option) in given_files.items():
        if report_format not in formats:
            raise pytest.UsageError(
                f"{option} {given!r} needs {REPORT_OPTION}={report_format.value} too "
                f"(given: {_listed(formats)})"
            )
    if shared_file is not None:
        owner = _owner_of_shared_file(formats, str(shared_file))
        if owner in given_files:
            given, option = given_files[owner]
            raise pytest.UsageError(
                f"{REPORT_FILE_OPTION} {str(shared_file)!r} and {option} {given!r} both name the "
                f"{owner.value} report's file; give one of them"
            )
        given_files[owner] = (str(shared_file), REPORT_FILE_OPTION)
    several = len(formats) > 1
    outputs = []
    for report_format in formats:
        if report_format in given_files:
            given, option = given_files[report_format]
            path = report_path(given, base, check=check_paths, option=option)
            outputs.append(ReportOutput(report_format, path))
        else:
            outputs.append(_default_output(report_format, base, several=several, check=check_paths))
    _check_distinct(outputs)
    return tuple(outputs)


def _owner_of_shared_file(formats: Sequence[ReportFormat], given: str) -> ReportFormat:
    """The format ``--test-size-report-file`` writes: the only one, or the only non-terminal one."""
    if not formats:
        raise pytest.UsageError(
            f"{REPORT_FILE_OPTION} {given!r} needs {REPORT_OPTION} too; allowed formats: {FORMAT_NAMES}"
        )
    if len(formats) == 1:
        return formats[0]
    writers = [report_format for report_format in formats if report_format not in TERMINAL_FORMATS]
    if len(writers) == 1:
        return writers[0]
    options = " and ".join(FILE_OPTIONS[report_format] for report_format in writers)
    raise pytest.UsageError(
        f"{REPORT_FILE_OPTION} {given!r} names the file of one report, and {_listed(formats)} are several; "
        f"use {options} (or leave them out for the default names)"
    )


def _default_output(report_format: ReportFormat, base: Path, *, several: bool, check: bool) -> ReportOutput:
    if report_format in TERMINAL_FORMATS:
        return ReportOutput(report_format)
    if report_format is ReportFormat.MARKDOWN:
        step_summary = os.environ.get(STEP_SUMMARY_ENV, "")
        if step_summary:
            path = Path(base, step_summary)
            if check:  # where the markdown report will be appended: checked now, as a file is
                where = f"${STEP_SUMMARY_ENV} {step_summary!r} (where {REPORT_OPTION}=markdown appends)"
                check_report_path(path, step_summary, where)
            return ReportOutput(report_format, step_summary=path)
    if report_format is not ReportFormat.HTML and not several:
        return ReportOutput(report_format)  # alone, json and markdown show in the terminal
    name = DEFAULT_FILES[report_format]
    if check:
        where = f"{REPORT_OPTION}={report_format.value}: default file {name!r}"
        check_report_path(Path(base, name), name, where)
    return ReportOutput(report_format, Path(base, name))


def _check_distinct(outputs: Iterable[ReportOutput]) -> None:
    seen: dict[Path, ReportFormat] = {}
    for output in outputs:
        if output.path is None:
            continue
        other = seen.setdefault(output.path, output.report_format)
        if other is not output.report_format:
            raise pytest.UsageError(
                f"{REPORT_OPTION}: the {other.value} and {output.report_format.value} reports would both "
                f"be written to {str(output.path)!r}; give each its own file"
            )


def _listed(formats: Sequence[ReportFormat]) -> str:
    return ",".join(report_format.value for report_format in formats) or "none"
