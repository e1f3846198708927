"""Warn mode: the violations of the run, listed once at its end.

They are read from the test reports (``user_properties``), which pytest-xdist ships from its
workers, so the list is complete whether the tests ran here or in worker processes.
"""

from __future__ import annotations

import pytest

from pytest_test_categories_core import DOCS_URL, violations_from_properties
from pytest_test_categories_isolation.codes import EMITTED_CODES
from pytest_test_categories_isolation.settings import ISOLATION


class WarningList:
    """Collects this plugin's violations from teardown reports and prints them at the end."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str, str]] = []  # node id, code, one-line message

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "teardown" or not report.user_properties:
            return
        nodeid = report.nodeid
        for violation in violations_from_properties(report.user_properties):
            if violation.code in EMITTED_CODES:
                self.found.append((nodeid, violation.code, violation.message))

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.found:
            return
        tests = len({nodeid for nodeid, _, _ in self.found})
        terminalreporter.section("test categories: isolation warnings", sep="=", yellow=True)
        terminalreporter.line(
            f"{len(self.found)} isolation violation(s) in {tests} test(s); they were allowed because "
            f"{ISOLATION.ini} = warn (set it to strict to fail these tests):"
        )
        for nodeid, _, text in self.found:
            terminalreporter.line(f"{nodeid}: {text}")
        codes = sorted({code for _, code, _ in self.found})
        links = ", ".join(f"{code} {DOCS_URL}{code.lower()}/" for code in codes)
        terminalreporter.line(f"How to fix: {links}")
