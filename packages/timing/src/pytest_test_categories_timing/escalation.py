"""The second stop, for a test that keeps running after the first one: one it cannot catch.

An async test swallowed the cancellation (``except CancelledError:`` or ``except Exception:``
in a loop): the future it awaits now fails with ``TimeLimitReached``, which is neither a
``CancelledError`` nor an ``Exception``, so those handlers let it through.

A sync test caught the stop (``except BaseException:``): it is raised again, and a line tracer
raises it once more at the next line the test runs (in the test function or what it calls), so a
handler that swallows the stop raises it again on its own first line. Python drops a tracer that
raised, so each tick of the alarm during the second grace puts it back.

Only a test that is still running after its first stop and a grace gets here: nothing of this
runs per test.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import CodeType, FrameType
from typing import Any

from pytest_test_categories_timing.compat import awaited_future

TraceFunction = Callable[[FrameType, str, Any], Any]

# pytest's own code, run from inside a test (the subtests fixture's reports), is never stopped there.
_MACHINERY = ("_pytest", "pluggy", "pytest", "pytest_test_categories_timing")


def _machinery(frame: FrameType) -> bool:
    return str(frame.f_globals.get("__name__", "")).split(".", 1)[0] in _MACHINERY


def in_test(frame: FrameType | None, test_code: CodeType) -> bool:
    """Whether the test function is among the frames from ``frame`` outwards (it has not ended)."""
    current = frame
    while current is not None:
        if current.f_code is test_code:
            return True
        current = current.f_back
    return False


def fail_awaited(task: Any, error: BaseException) -> bool:
    """On the task's loop: fail the future it awaits with ``error``; False if it awaits none."""
    waiter = awaited_future(task)
    if waiter is None or waiter.done():
        return False
    waiter.set_exception(error)
    return True


class LineStop:
    """Raise ``error`` at every line run inside the test function (and what it calls), until it ends."""

    def __init__(self, test_code: CodeType, error: Callable[[], BaseException]) -> None:
        self.test_code = test_code
        self.error = error
        self.previous: Any = None
        self.active = False

    def start(self, frame: FrameType | None) -> bool:
        """(Re)trace the frames from ``frame`` out to the test function's; False if it is not among them."""
        frames = []
        current = frame
        while current is not None:
            frames.append(current)
            if current.f_code is self.test_code:
                break
            current = current.f_back
        else:
            return False
        if not self.active:
            self.previous = sys.gettrace()
        for each in frames:
            if not _machinery(each):
                each.f_trace = self._local
        sys.settrace(self._call)
        self.active = True
        return True

    def stop(self) -> None:
        if self.active:
            self.active = False
            sys.settrace(self.previous)

    def _call(self, frame: FrameType, event: str, arg: Any) -> TraceFunction | None:
        if not self.active or event != "call" or _machinery(frame):
            return None
        current: FrameType | None = frame.f_back
        while current is not None:  # only code the test called, never pytest's own after it
            if current.f_code is self.test_code:
                return self._local
            current = current.f_back
        return None

    def _local(self, frame: FrameType, event: str, arg: Any) -> TraceFunction | None:
        __tracebackhide__ = True
        if not self.active:
            return None
        if event == "line":
            raise self.error()
        return self._local
