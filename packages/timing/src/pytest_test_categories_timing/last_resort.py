"""The last resort: a test still running after both stops and their graces ends the process.

By then the test has ignored a cancellation and a stop it could not catch (or the main thread is
stuck where Python cannot reach it), so nothing inside the process can end it. A timer thread,
started at the first stop (never per test), then:

1. writes every thread's stack to stderr (faulthandler), under a line naming the test;
2. reports the test as failed with our message (TC006/TC008), through the usual report hooks;
3. serially: ends the session as ``pytest.exit`` does (the terminal summary, JUnit XML and the
   test size reports are written, and say the run is partial), then ends the process with
   status 2 (interrupted), without waiting for the stuck thread. Fixtures are not torn down: the
   test still runs on them;
   under pytest-xdist: ends the worker only. The controller reports the test as failed with our
   message (see ``CrashMessage``), starts a new worker, and the run goes on.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from pytest_test_categories_core import Violation, report_violation
from pytest_test_categories_timing.messages import failure_text

Verdict = Callable[[], "Violation | None"]
"""The stopped test's violation as it stands when the last resort comes, or None when the test
has ended meanwhile (or is being debugged): then nothing is done."""

# On a report the worker sends before it ends: our message for the crash report the controller makes.
MESSAGE_PROPERTY = "test_categories_timing_last_resort"
WORKER_EXIT_STATUS = 3
CRASH_MESSAGE_NAME = "test_categories_timing_crash_message"

_ended = threading.Lock()


class LastResortTimer:
    """Ends the process ``delay`` seconds from now, unless cancelled when the test ends first."""

    def __init__(self, item: pytest.Item, verdict: Verdict, delay: float) -> None:
        self._timer = threading.Timer(delay, end_process, args=(item, verdict))
        self._timer.name = "pytest-test-categories-timing last resort"
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()


def end_process(item: pytest.Item, verdict: Verdict) -> None:
    violation = verdict()
    if violation is None or not _ended.acquire(blocking=False):
        return
    config = item.config
    worker = hasattr(config, "workerinput")
    ended = "its pytest-xdist worker" if worker else "the test run"
    notice = f"{violation.summary}\n\ntiming's last resort ended {ended}; the stack of every thread follows."
    _stop_capturing(config)
    sys.stderr.write(f"\n{'=' * 30} timing: last resort {'=' * 30}\n{notice}\n")
    sys.stderr.flush()
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    sys.stderr.flush()
    report_violation(item, violation)
    text = failure_text(violation) + f"\ntiming's last resort ended {ended} (the stacks are on stderr)."
    try:
        if worker:
            _tell_controller(item, text)
        else:
            _end_session(item, text)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(WORKER_EXIT_STATUS if worker else int(pytest.ExitCode.INTERRUPTED))


def main_thread_at() -> FrameType | None:
    """Where the main thread runs now (a sync test, or an async one whose loop is blocked)."""
    return sys._current_frames().get(threading.main_thread().ident or 0)


def _stop_capturing(config: pytest.Config) -> None:
    capture: Any = config.pluginmanager.getplugin("capturemanager")
    try:
        if capture is not None:
            capture.suspend_global_capture(in_=True)
    except Exception:  # capture in a state we cannot leave: write where stderr is now
        return


def _tell_controller(item: pytest.Item, text: str) -> None:
    """Under pytest-xdist: a report the controller keeps, carrying the message for its crash report.

    A set-up report, passed: it counts nowhere, and the controller copies its properties (size,
    violations, our message) onto the report it makes for the test when the worker ends.
    """
    report = pytest.TestReport(
        item.nodeid,
        item.location,
        {},
        "passed",
        None,
        "setup",
        user_properties=[*item.user_properties, (MESSAGE_PROPERTY, text)],
    )
    item.ihook.pytest_runtest_logreport(report=report)


def _end_session(item: pytest.Item, text: str) -> None:
    """Serially: the test's failure, then the end of the session as after ``pytest.exit``."""
    report = pytest.TestReport(
        item.nodeid, item.location, {}, "failed", text, "call", user_properties=list(item.user_properties)
    )
    item.ihook.pytest_runtest_logreport(report=report)
    session = item.session
    config = item.config
    try:
        raise pytest.exit.Exception(
            f"timing's last resort: {item.nodeid} kept running after it was stopped twice",
            returncode=int(pytest.ExitCode.INTERRUPTED),
        )
    except pytest.exit.Exception as stop:
        excinfo = pytest.ExceptionInfo.from_exception(stop)
    config.hook.pytest_keyboard_interrupt(excinfo=excinfo)
    session.exitstatus = pytest.ExitCode.INTERRUPTED
    # Without pytest's runner: it would tear the fixtures down under the test, which still runs.
    runner = config.pluginmanager.get_plugin("runner")
    finish = config.pluginmanager.subset_hook_caller("pytest_sessionfinish", [runner] if runner else [])
    finish(session=session, exitstatus=session.exitstatus)


class CrashMessage:
    """On the pytest-xdist controller: a worker our last resort ended gets our message on its crash report."""

    @pytest.hookimpl(optionalhook=True)
    def pytest_handlecrashitem(self, crashitem: str, report: pytest.TestReport) -> None:
        for name, value in report.user_properties:
            if name == MESSAGE_PROPERTY and isinstance(value, str):
                report.longrepr = value
                report.user_properties = [
                    (key, each) for key, each in report.user_properties if key != MESSAGE_PROPERTY
                ]
                return
