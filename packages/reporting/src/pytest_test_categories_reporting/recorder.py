"""Collect each finished test's result from its reports, as it finishes.

Only test reports are read (outcome, duration, ``user_properties``), never items or other plugins'
state, so the pytest-xdist controller, which sees only the reports its workers send, records
exactly what a serial run records.

The result kept per test is the one the report is built from (no intermediate record): on a
large suite the two together were about 2 MiB at 10,000 tests, held until the end of the run.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from pytest_test_categories_core import TestSize
from pytest_test_categories_reporting.crashes import Crash, worker_of
from pytest_test_categories_reporting.model import TestResult, result_of
from pytest_test_categories_reporting.phase_outcomes import FAILED, PASSED, phase_outcome, with_teardown

RERUN = "rerun"  # pytest-rerunfailures' outcome for an attempt it will run again


class Recorder:
    """A plugin object registered only when a report or distribution check was asked for."""

    def __init__(self, time_limits: Mapping[TestSize, float], reruns: bool = False) -> None:
        self.time_limits = time_limits
        self.reruns = reruns  # pytest-rerunfailures is loaded: some attempts are run again
        self.results: list[TestResult] = []
        # The last phase report of each test that started but has not finished yet.
        self.pending: dict[str, pytest.TestReport] = {}
        self.interruption: str | None = None
        self.crashes: list[Crash] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        when = report.when
        nodeid = report.nodeid  # a property on recent pytest: read it once
        if when == "teardown":
            last = self.pending.pop(nodeid, None)
            if self.reruns and (report.outcome == RERUN or (last is not None and last.outcome == RERUN)):
                return  # pytest-rerunfailures runs the test again: its last attempt is its result
            if last is None:
                outcome = PASSED
                duration = 0.0
            else:
                outcome = phase_outcome(last)
                duration = report_duration(last)
            self.results.append(
                result_of(
                    nodeid, with_teardown(outcome, report), duration, report.user_properties, self.time_limits
                )
            )
        elif when == "setup" or when == "call":
            self.pending[nodeid] = report
        else:
            # pytest-xdist reports a test whose worker died with when="???": it failed and never
            # finished. The markers plugin has put the properties its worker sent before dying
            # (size, budget, violations) on this report, for every reader at once.
            last = self.pending.pop(nodeid, None)
            duration = report_duration(last) if last is not None else 0.0
            self.results.append(result_of(nodeid, FAILED, duration, report.user_properties, self.time_limits))
            self.crashes.append(Crash(nodeid, worker_of(report)))

    def pytest_keyboard_interrupt(self, excinfo: pytest.ExceptionInfo[BaseException]) -> None:
        message = str(excinfo.value).strip()
        self.interruption = f"{excinfo.typename}: {message}" if message else excinfo.typename

    def unfinished(self) -> list[str]:
        """Tests that started but never finished: interrupted, or their worker died under them."""
        return sorted([*self.pending, *(crash.nodeid for crash in self.crashes)])


def report_duration(report: pytest.TestReport) -> float:
    """Seconds of the call phase; a test that stopped in setup spent none there."""
    return float(report.duration) if report.when == "call" else 0.0
