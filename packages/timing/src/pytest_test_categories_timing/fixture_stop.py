"""Stopping a set-up or a teardown at its time: which fixture it was in, and where.

A span is a stretch of time on one clock: a test's set-up or teardown (on the test's clock, the
limit or budget it shares with its call), or the set-up or teardown of a fixture of wider scope
(on the fixture limit). Its alarm finds the fixture that is running from the interrupted frames
(pytest runs a fixture's set-up from ``FixtureDef.execute`` and its teardown from
``FixtureDef.finish``). A sync fixture is stopped where it is; an async one that an event loop
runs (pytest-asyncio) is cancelled through that loop, so the failure shows its chain of awaits,
and the loop stays usable. Only done when a span runs out: nothing here runs per test.
"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

from pytest import FixtureDef

from pytest_test_categories_core import TestSize, Violation
from pytest_test_categories_timing import alarm
from pytest_test_categories_timing.call_chain import await_chain, awaitable_running, frame_chain
from pytest_test_categories_timing.compat import FIXTURE_RUNNERS
from pytest_test_categories_timing.debugger import debugger_active
from pytest_test_categories_timing.errors import TimeLimitExceeded
from pytest_test_categories_timing.loop_cancels import LoopCancels
from pytest_test_categories_timing.messages import failure_text
from pytest_test_categories_timing.settings import grace_for

_MAX_DEPTH = 64
SET_UP = "set-up"
TEARDOWN = "teardown"


class Span:
    """One set-up or teardown on its clock, and the means to stop it when the clock runs out."""

    __slots__ = (
        "allowance",
        "awaiting",
        "cancels",
        "code",
        "deadline",
        "debugged",
        "fixture",
        "how_to_fix",
        "limit",
        "nodeid",
        "phase",
        "root",
        "running",
        "size",
        "started",
        "stopped_after",
        "task",
        "violation",
        "where",
    )

    def __init__(
        self,
        *,
        limit: float,
        allowance: str,
        code: str,
        nodeid: str,
        size: TestSize | None,
        how_to_fix: str,
        root: Path,
        fixture: FixtureDef[Any] | None = None,
    ) -> None:
        self.limit = limit
        self.allowance = allowance
        self.code = code
        self.nodeid = nodeid
        self.size = size
        self.how_to_fix = how_to_fix
        self.root = root
        self.fixture = fixture  # known for a wider fixture's span; found when stopped otherwise
        self.phase = SET_UP
        self.started = 0.0
        self.deadline = 0.0
        self.running = False
        self.debugged = False
        self.stopped_after: float | None = None
        self.where: tuple[str, ...] = ()
        self.awaiting = False
        self.task: asyncio.Task[Any] | None = None
        self.cancels = LoopCancels()
        self.violation: Violation | None = None

    def start(self, phase: str, started: float, deadline: float) -> None:
        self.phase = phase
        self.started = started
        self.deadline = deadline
        self.running = True

    @property
    def stopped(self) -> bool:
        return self.stopped_after is not None

    # -- the alarm ---------------------------------------------------------------------------------

    def on_alarm(self, signum: int, frame: FrameType | None) -> None:
        """SIGALRM handler: cancel the async fixture through its loop, or stop the code where it is."""
        __tracebackhide__ = True
        if not self.running or self.debugged:
            return
        now = alarm.due(self.deadline)
        if now is None:
            return
        if debugger_active():
            self.debugged = True
            return
        grace = grace_for(self.limit)
        self.deadline = now + grace
        alarm.rearm(grace)
        if self.stopped_after is None:
            self.stopped_after = now - self.started
        if self.fixture is None:
            self.fixture = fixture_at(frame)
        # Cancel through the loop, unless the last cancel never got there (the loop is blocked).
        if not self.cancels.pending and self._request_cancel():
            return
        code = code_of(self.fixture)
        if not self.where or not self.awaiting:
            self.where = frame_chain(frame, code, self.root)
            self.awaiting = False
        raise TimeLimitExceeded(failure_text(self.stop_violation()), pytrace=True)

    def _request_cancel(self) -> bool:
        try:
            loop = asyncio.get_running_loop()  # the loop the main thread is inside, waiting
        except RuntimeError:
            return False
        code = code_of(self.fixture)
        if code is None:
            return False
        for task in asyncio.all_tasks(loop):
            awaitable = awaitable_running(task.get_coro(), code)
            if awaitable is not None:
                break
        else:
            return False
        self.task = task
        self.where = await_chain(task, awaitable, self.root)
        self.awaiting = True
        return self.cancels.ask(loop, self._cancel)

    def _cancel(self) -> None:
        """Runs on the fixture's loop."""
        task = self.task
        self.cancels.delivered += 1
        if task is None or not self.running or task.done():
            return
        task.cancel(f"{self.code}: stopped at {self.allowance}")

    # -- the verdict ---------------------------------------------------------------------------------

    def stop_violation(self) -> Violation:
        if self.violation is None:
            self.violation = self.violation_for(stopped_text(self, self.stopped_after or 0.0))
        return self.violation

    def violation_for(self, what_happened: str) -> Violation:
        return Violation(
            code=self.code,
            nodeid=self.nodeid,
            size=self.size,
            what_happened=what_happened,
            how_to_fix=self.how_to_fix,
        )

    def stop_error(self, error: BaseException) -> BaseException:
        """What a stopped span ends with: the cancellation that came out of the loop becomes the failure."""
        if isinstance(error, asyncio.CancelledError) and self.cancels.delivered:
            stop = TimeLimitExceeded(failure_text(self.stop_violation()), pytrace=True)
            return stop.with_traceback(error.__traceback__)
        return error


def stopped_text(span: Span, seconds: float) -> str:
    verb, doing = ("cancelled", "awaiting") if span.awaiting else ("stopped", "running")
    what = fixture_name(span.fixture)
    text = f"{verb} in the {span.phase} of {what} at {span.allowance} (after {seconds:.2f} s)"
    if span.where:
        text += f" while {doing} " + " -> ".join(span.where)
    return text


def took_text(span: Span, seconds: float, not_stopped_because: str | None) -> str:
    if span.fixture is None and span.phase == TEARDOWN:  # the test's clock: set-up, call and teardown
        text = f"took {seconds:.2f} s with its fixtures' set-up and teardown, over {span.allowance}"
    else:
        text = f"its {span.phase} took {seconds:.2f} s, over {span.allowance}"
    if not_stopped_because:
        text += f" (not stopped earlier: {not_stopped_because})"
    return text


def fixture_name(fixture: FixtureDef[Any] | None) -> str:
    if fixture is None:
        return "the test"
    if fixture.scope == "function":
        return f"fixture {fixture.argname!r}"
    return f"{fixture.scope}-scoped fixture {fixture.argname!r}"


def fixture_at(frame: FrameType | None) -> FixtureDef[Any] | None:
    """The fixture whose set-up (``execute``) or teardown (``finish``) the stopped code is in."""
    depth = 0
    while frame is not None and depth < _MAX_DEPTH * 4:
        if frame.f_code.co_name in FIXTURE_RUNNERS:
            owner = frame.f_locals.get("self")
            if isinstance(owner, FixtureDef):
                return owner
        frame = frame.f_back
        depth += 1
    return None


def code_of(fixture: FixtureDef[Any] | None) -> CodeType | None:
    if fixture is None:
        return None
    code = getattr(inspect.unwrap(fixture.func), "__code__", None)
    return code if isinstance(code, CodeType) else None
