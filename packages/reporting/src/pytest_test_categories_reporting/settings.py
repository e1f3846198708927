"""The reporting plugin's settings, resolved and validated once in ``pytest_configure``.

A bad format, target, tolerance or report path is a ``pytest.UsageError`` before any test runs:
finding out at the end of a long run that the report could not be written helps nobody.
"""

from __future__ import annotations

import enum
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pytest

from pytest_test_categories_core import ChoiceSetting, Enforcement, TestSize, option_group, parse_size_numbers
from pytest_test_categories_core.settings import format_size_numbers, ini_text
from pytest_test_categories_reporting.reportpath import REPORT_FILE_OPTION, check_report_path, report_path

STEP_SUMMARY_ENV = "GITHUB_STEP_SUMMARY"  # GitHub Actions: the job summary file of this step

REPORT_OPTION = "--test-size-report"
TARGETS_INI = "test_categories_distribution_targets"
TOLERANCE_INI = "test_categories_distribution_tolerance"

DEFAULT_TARGETS: Mapping[TestSize, float] = MappingProxyType(
    {TestSize.SMALL: 80.0, TestSize.MEDIUM: 15.0, TestSize.LARGE: 5.0}
)
DEFAULT_TOLERANCE = 5.0


class ReportFormat(enum.Enum):
    """What ``--test-size-report`` produces."""

    BASIC = "basic"
    DETAILED = "detailed"
    JSON = "json"
    MARKDOWN = "markdown"


FORMAT_NAMES = ", ".join(member.value for member in ReportFormat)

DISTRIBUTION = ChoiceSetting(
    cli="--test-categories-distribution",
    cli_aliases=("--test-categories-distribution-enforcement",),
    ini="test_categories_distribution",
    ini_aliases=("test_categories_distribution_enforcement",),
    choices=Enforcement,
    default=Enforcement.OFF,
    help="check the share of each test size against test_categories_distribution_targets at the end",
)


@dataclass(frozen=True, slots=True)
class ReportSettings:
    report_format: ReportFormat | None
    report_file: Path | None
    distribution: Enforcement
    targets: Mapping[TestSize, float]
    tolerance: float

    @property
    def active(self) -> bool:
        """Whether anything has to be recorded during the run at all."""
        return self.report_format is not None or self.distribution is not Enforcement.OFF


SETTINGS_KEY = pytest.StashKey[ReportSettings]()


def register(parser: pytest.Parser) -> None:
    group = option_group(parser)
    group.addoption(
        REPORT_OPTION,
        dest="test_size_report",
        default=None,
        # Given alone, it means basic, as it did in the earlier plugin.
        nargs="?",
        const=ReportFormat.BASIC.value,
        metavar="{" + FORMAT_NAMES.replace(", ", ",") + "}",
        help="report the test pyramid: basic (the default when no format is given) or detailed in "
        "the terminal, json or markdown (to --test-size-report-file, or the terminal; markdown goes "
        "to $GITHUB_STEP_SUMMARY when set)",
    )
    group.addoption(
        REPORT_FILE_OPTION,
        dest="test_size_report_file",
        default=None,
        metavar="PATH",
        help="write the --test-size-report to this file (replaced atomically)",
    )
    DISTRIBUTION.register(parser)
    parser.addini(
        TARGETS_INI,
        "target share in percent per size, summing to 100, e.g. 'small=80 medium=15 large=5' "
        "(xlarge counts with large unless given)",
        default="",
    )
    parser.addini(
        TOLERANCE_INI,
        "allowed distance in percentage points from each target (default 5)",
        default="",
    )


def resolve(config: pytest.Config, *, check_paths: bool) -> ReportSettings:
    """Validate every reporting setting; ``check_paths`` is off on xdist workers (they write nothing)."""
    report_format = parse_report_format(config.getoption("test_size_report", None))
    raw_file = config.getoption("test_size_report_file", None)
    report_file = None
    if raw_file is not None:
        if report_format is None:
            raise pytest.UsageError(
                f"{REPORT_FILE_OPTION} {raw_file!r} needs {REPORT_OPTION} too; "
                f"allowed formats: {FORMAT_NAMES}"
            )
        report_file = report_path(str(raw_file), config.invocation_params.dir, check=check_paths)
    elif report_format is ReportFormat.MARKDOWN and check_paths:
        step_summary = os.environ.get(STEP_SUMMARY_ENV, "")
        if step_summary:  # where the markdown report will be appended: checked now, as a file is
            where = f"${STEP_SUMMARY_ENV} {step_summary!r} (where {REPORT_OPTION}=markdown appends)"
            check_report_path(Path(config.invocation_params.dir, step_summary), step_summary, where)
    settings = ReportSettings(
        report_format=report_format,
        report_file=report_file,
        distribution=DISTRIBUTION.resolve(config),
        targets=parse_targets(ini_text(config, TARGETS_INI, example="'small=80 medium=15 large=5'")),
        tolerance=parse_tolerance(ini_text(config, TOLERANCE_INI, example="'5'")),
    )
    config.stash[SETTINGS_KEY] = settings
    return settings


def parse_report_format(raw: object) -> ReportFormat | None:
    if raw is None:
        return None
    wanted = str(raw).strip().lower()
    for member in ReportFormat:
        if member.value == wanted:
            return member
    hint = ""
    if any(mark in wanted for mark in ("/", "\\", ".", "::")):
        # `--test-size-report tests/`: the option took the path given after it as its format
        hint = f" (to run {raw} with the basic report, write {REPORT_OPTION}=basic {raw})"
    raise pytest.UsageError(f"{REPORT_OPTION}: unknown format {raw!r}; allowed formats: {FORMAT_NAMES}{hint}")


def parse_targets(text: str) -> Mapping[TestSize, float]:
    """``small=80 medium=15 large=5``: sizes left out get 0; the shares must add up to 100."""
    if not text.strip():
        return DEFAULT_TARGETS
    source = f"ini option {TARGETS_INI}"
    targets = parse_size_numbers(text, source, allow_zero=True)
    total = sum(targets.values())
    if not math.isclose(total, 100.0, abs_tol=1e-6):
        raise pytest.UsageError(
            f"{source}: the targets {format_size_numbers(targets)} add up to {total:g}; "
            "they must add up to 100 (percent), for example 'small=80 medium=15 large=5'"
        )
    return MappingProxyType(dict(sorted(targets.items())))


def parse_tolerance(text: str) -> float:
    if not text.strip():
        return DEFAULT_TOLERANCE
    source = f"ini option {TOLERANCE_INI}"
    try:
        value = float(text)
    except ValueError:
        raise pytest.UsageError(
            f"{source}: {text.strip()!r} is not a number; use percentage points from 0 to 100, for example 5"
        ) from None
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise pytest.UsageError(
            f"{source}: {text.strip()!r} is out of range; use percentage points from 0 to 100, for example 5"
        )
    return value
