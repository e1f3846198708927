"""Stopping a test that runs under trio (anyio's trio backend): a cancel scope around the test.

anyio runs trio tests in guest mode on the main thread, inside its own runner: an exception
raised by the alarm where the main thread happens to be (often the runner's queue) would break
the runner for every later trio test. So, as with asyncio, the stop goes through the event loop:
the alarm asks trio (``TrioToken.run_sync_soon``, safe from a signal handler and from another
thread) to cancel a scope that wraps the test's coroutine, and trio delivers the cancellation at
the test's next checkpoint.

trio is never imported here: a test can only run under trio if trio is already loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


class TrioRun:
    """The running trio test's cancel scope and the token to reach its run from outside."""

    __slots__ = ("scope", "token")

    def __init__(self, token: Any, scope: Any) -> None:
        self.token = token
        self.scope = scope

    @classmethod
    def here(cls) -> TrioRun | None:
        """The current trio run, if the caller runs in one."""
        trio = sys.modules.get("trio")
        if trio is None:
            return None
        try:
            token = trio.lowlevel.current_trio_token()
        except RuntimeError:  # not in trio either
            return None
        return cls(token, trio.CancelScope())

    def call_soon(self, callback: Callable[[], None]) -> bool:
        """Run ``callback`` in trio as soon as it can; False if the run is over."""
        try:
            self.token.run_sync_soon(callback)
        except Exception:  # trio.RunFinishedError: nothing left to stop
            return False
        return True

    def cancel(self) -> None:
        """In trio: cancel the test at its next checkpoint."""
        self.scope.cancel()
