"""One outcome per test, from the reports of its phases, the way pytest's own summary counts them."""

from __future__ import annotations

import pytest

PASSED = "passed"
FAILED = "failed"
ERROR = "error"
SKIPPED = "skipped"
XFAILED = "xfailed"
XPASSED = "xpassed"

OUTCOMES = (PASSED, FAILED, ERROR, SKIPPED, XFAILED, XPASSED)


def phase_outcome(report: pytest.TestReport) -> str:
    """The outcome one phase report stands for; a failure outside the call phase is an error."""
    if report.passed:
        return XPASSED if hasattr(report, "wasxfail") else PASSED
    if report.skipped:
        return XFAILED if hasattr(report, "wasxfail") else SKIPPED
    return FAILED if report.when == "call" else ERROR


def with_teardown(outcome: str, teardown: pytest.TestReport) -> str:
    """A failing teardown makes an otherwise unfailed test an error (pytest counts it as one)."""
    if teardown.failed and outcome != FAILED:
        return ERROR
    return outcome
