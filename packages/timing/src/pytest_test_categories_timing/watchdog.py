"""One shared watchdog thread, for async tests that cannot use the alarm.

Where there is no SIGALRM, or the test runs off the main thread, an async test is still cancelled
at its limit: this thread wakes at the earliest deadline and asks the test's event loop (thread-
safely) to cancel it. One thread for the whole process, started on first use, never one per test.
"""

from __future__ import annotations

import threading
from typing import Protocol

from pytest_test_categories_timing.wall_clock import Wall


class Watched(Protocol):
    def on_watchdog(self, now: float) -> float | None:
        """Act on a deadline that has come; return the next deadline, or None when done."""


class Watchdog:
    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._deadlines: dict[Watched, float] = {}
        self._thread: threading.Thread | None = None

    def watch(self, watched: Watched, deadline: float) -> None:
        with self._condition:
            self._deadlines[watched] = deadline
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="pytest-test-categories-timing watchdog", daemon=True
                )
                self._thread.start()
            self._condition.notify()

    def forget(self, watched: Watched) -> None:
        with self._condition:
            self._deadlines.pop(watched, None)

    def _run(self) -> None:
        with self._condition:
            while True:
                now = Wall.now()
                for watched, deadline in list(self._deadlines.items()):
                    if deadline <= now:
                        following = watched.on_watchdog(now)
                        if following is None:
                            del self._deadlines[watched]
                        else:
                            self._deadlines[watched] = following
                upcoming = min(self._deadlines.values(), default=None)
                self._condition.wait(None if upcoming is None else max(upcoming - now, 0.0))


WATCHDOG = Watchdog()
