"""Threads a stopped test left running never hold the run.

A test stopped while ``await asyncio.to_thread(time.sleep, 120)`` runs fails at its limit, but the
thread runs on: the event loop's teardown (``shutdown_default_executor``) would wait for it, and so
would the interpreter's exit (it joins executor threads, and every thread not a daemon).

- When a stopped async test ends, its loop gets a fresh default executor: the loop's teardown
  shuts that empty one down at once, and the old one's busy threads are left to finish alone.
- The threads alive when a stopped test ended (not daemons) are noted. At the end of the session,
  those still alive are named in the terminal summary, and the process ends with the run's own
  exit status without waiting for them (after every other plugin has finished).

Nothing here runs for a test that was not stopped.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

PLUGIN_NAME = "test_categories_timing_leftover_threads"


def release_executor(loop: asyncio.AbstractEventLoop) -> None:
    """On the stopped test's loop: a fresh default executor, so the teardown does not wait for the old one."""
    if not loop.is_closed():
        loop.set_default_executor(ThreadPoolExecutor(thread_name_prefix="asyncio"))


def nested_run() -> bool:
    """Whether this pytest runs inside something else in the same process: off the main thread, or
    inside another pytest (pytester's in-process runs). Then ending the process is not ours to do."""
    if threading.current_thread() is not threading.main_thread():
        return True
    sessions = 0
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "wrap_session" and frame.f_globals.get("__name__") == "_pytest.main":
            sessions += 1
        frame = frame.f_back  # type: ignore[assignment]
    return sessions > 1


class LeftoverThreads:
    """Names the threads left by stopped tests at the end, and exits without waiting for them."""

    def __init__(self) -> None:
        self.session: pytest.Session | None = None
        # Each thread alive after a stopped test ended, with the first such test.
        self.left: dict[threading.Thread, str] = {}

    def note_after_stop(self, nodeid: str) -> None:
        """A stopped test ended: note the threads still running (other than the main thread and daemons)."""
        running_pytest = (threading.main_thread(), threading.current_thread())
        for thread in threading.enumerate():
            if thread not in running_pytest and not thread.daemon and thread.is_alive():
                self.left.setdefault(thread, nodeid)

    def still_running(self) -> list[tuple[threading.Thread, str]]:
        return [(thread, nodeid) for thread, nodeid in self.left.items() if thread.is_alive()]

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.session = session

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        running = self.still_running()
        if not running:
            return
        terminalreporter.write_sep("=", "threads left running by stopped tests", yellow=True)
        for thread, nodeid in running:
            terminalreporter.write_line(f"{thread.name} (still running after {nodeid} was stopped)")
        terminalreporter.write_line(
            "timing ends the run now with its own exit status, without waiting for these threads."
        )

    @pytest.hookimpl(trylast=True)
    def pytest_unconfigure(self, config: pytest.Config) -> None:
        session = self.session
        if session is None or not self.still_running() or nested_run():
            return
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(session.exitstatus))
