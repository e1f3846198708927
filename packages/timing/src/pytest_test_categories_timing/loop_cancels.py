"""Cancels asked of an event loop and delivered by it: what a test's watch and a fixture's span share.

A stop of an async test or fixture is asked of its loop from the alarm (or the watchdog's
thread) and delivered later, on the loop. The two counts tell whether the last cancel got there
(a blocked loop never runs it: then the stop is raised where the code is instead), and how many
of the task's cancellations are ours to take back when it lives on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


class LoopCancels:
    __slots__ = ("delivered", "requested")

    def __init__(self) -> None:
        self.requested = 0
        self.delivered = 0

    @property
    def pending(self) -> bool:
        """A cancel was asked for and has not reached the loop yet (the loop is blocked)."""
        return self.requested != self.delivered

    def ask(self, loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> bool:
        """Run ``callback`` on ``loop`` soon, from any thread; False when the loop is closed."""
        try:
            loop.call_soon_threadsafe(callback)
        except RuntimeError:
            return False
        self.requested += 1
        return True

    def take_back(self, task: asyncio.Task[Any]) -> None:
        """A task that lives on (anyio runs every test in one) must not look cancelled by us."""
        for _ in range(self.delivered):
            if task.cancelling():
                task.uncancel()
