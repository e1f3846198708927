"""The reporting plugin's settings, resolved and validated once in ``pytest_configure``.

A bad format, target, tolerance or report path is a ``pytest.UsageError`` before any test runs:
finding out at the end of a long run that the report could not be written helps nobody.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pytest

from pytest_test_categories_core import (
    ChoiceSetting,
    Enforcement,
    TestSize,
    format_size_numbers,
    ini_text,
    option_group,
    parse_size_numbers,
)
from pytest_test_categories_reporting.outputs import (
    FORMAT_NAMES,
    REPORT_OPTION,
    STEP_SUMMARY_ENV,
    TERMINAL_FORMATS,
    ReportFormat,
    ReportOutput,
    parse_report_format,
    register_outputs,
    resolve_outputs,
)

# Re-exported: this module was where they lived first.
__all__ = [
    "FORMAT_NAMES",
    "REPORT_OPTION",
    "STEP_SUMMARY_ENV",
    "ReportFormat",
    "ReportSettings",
    "parse_report_format",
    "resolve",
]

TARGETS_INI = "test_categories_distribution_targets"
TOLERANCE_INI = "test_categories_distribution_tolerance"

DEFAULT_TARGETS: Mapping[TestSize, float] = MappingProxyType(
    {TestSize.SMALL: 80.0, TestSize.MEDIUM: 15.0, TestSize.LARGE: 5.0}
)
DEFAULT_TOLERANCE = 5.0


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
    outputs: tuple[ReportOutput, ...]
    distribution: Enforcement
    targets: Mapping[TestSize, float]
    tolerance: float

    @property
    def active(self) -> bool:
        """Whether anything has to be recorded during the run at all."""
        return bool(self.outputs) or self.distribution is not Enforcement.OFF

    @property
    def in_terminal(self) -> ReportOutput | None:
        """The basic or detailed report, if one was asked for."""
        return next((output for output in self.outputs if output.report_format in TERMINAL_FORMATS), None)


SETTINGS_KEY = pytest.StashKey[ReportSettings]()


def register(parser: pytest.Parser) -> None:
    group = option_group(parser)
    register_outputs(group)
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
    report_outputs = resolve_outputs(config, check_paths=check_paths)
    settings = ReportSettings(
        outputs=report_outputs,
        distribution=DISTRIBUTION.resolve(config),
        targets=parse_targets(ini_text(config, TARGETS_INI, example="'small=80 medium=15 large=5'")),
        tolerance=parse_tolerance(ini_text(config, TOLERANCE_INI, example="'5'")),
    )
    config.stash[SETTINGS_KEY] = settings
    return settings


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
