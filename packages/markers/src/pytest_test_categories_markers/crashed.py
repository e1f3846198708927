"""Keep the size of a test whose pytest-xdist worker crashed, on the report made for it.

When a worker dies, the controller reports the test it was running as failed, with a report of
its own (``when == "???"``) whose ``user_properties`` are empty. The worker sent that test's
set-up report (and maybe its call report) before dying, with the size, the budget and any
violation on it; the controller keeps each worker's last report and copies those properties onto
the crash report before any reader sees it.

pytest's JUnit XML writes a test's properties only when its teardown report arrives, which never
happens for a crashed test, so they are also added to its JUnit test case directly.

Registered on the xdist controller only: serial runs and workers pay nothing for it.
"""

from __future__ import annotations

from typing import Any

import pytest

from pytest_test_categories_markers.compat import junit_xml_key

PLUGIN_NAME = "test_categories_markers_crashed"


class CrashedTestProperties:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        # The last report each worker sent (pytest-xdist puts the worker on ``report.node``).
        self.last_by_worker: dict[object, pytest.TestReport] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.last_by_worker[getattr(report, "node", None)] = report

    @pytest.hookimpl(tryfirst=True, optionalhook=True)
    def pytest_handlecrashitem(self, crashitem: str, report: pytest.TestReport) -> None:
        last = self.last_by_worker.get(getattr(report, "node", None))
        if last is None or last.nodeid != crashitem or report.user_properties:
            return  # it crashed before its set-up report, or someone filled them already
        report.user_properties = list(last.user_properties)
        add_to_junit_xml(self.config, report)


def add_to_junit_xml(config: pytest.Config, report: pytest.TestReport) -> None:
    """Give the crashed test's JUnit test case the properties of its report.

    This reaches into pytest's JUnit plugin (there is no public way): on a pytest whose internals
    differ, the JUnit file goes without them, and every other reader still has them.
    """
    try:
        xml: Any = config.stash.get(junit_xml_key(), None)
        if xml is None:
            return
        case = xml.node_reporter(report)
        for name, value in report.user_properties:
            case.add_property(name, str(value))
    except (ImportError, AttributeError, TypeError):
        return
