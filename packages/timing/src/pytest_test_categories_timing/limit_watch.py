"""One test's clock, and the means to stop it at its limit.

A sync test on the main thread is interrupted by the alarm: the handler raises where the test
is. An async test is cancelled through its event loop: the alarm (or, off the main thread, the
shared watchdog) asks the loop to cancel the test's task, and the coroutine wrapper turns the
resulting ``CancelledError`` into the failure. If the loop does not get to it (a blocking call in
the test), the next alarm raises where the test is, as for a sync test. Either way, a test still
running after a grace is stopped again, harder, with a stop it cannot catch (``escalation``), and
one still running after a second grace ends the process (``last_resort``).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Coroutine
from types import CodeType, FrameType, TracebackType
from typing import Any

import pytest

from pytest_test_categories_core import TestSize, Violation
from pytest_test_categories_timing import alarm
from pytest_test_categories_timing.call_chain import await_chain, frame_chain
from pytest_test_categories_timing.compat import TestCaseFunction
from pytest_test_categories_timing.debugger import debugger_active
from pytest_test_categories_timing.errors import TimeLimitExceeded, TimeLimitReached
from pytest_test_categories_timing.escalation import LineStop, fail_awaited, in_test
from pytest_test_categories_timing.last_resort import LastResortTimer, main_thread_at
from pytest_test_categories_timing.leftover_threads import release_executor
from pytest_test_categories_timing.loop_cancels import LoopCancels
from pytest_test_categories_timing.messages import Texts, failure_text, kept_running, stopped, stopped_again
from pytest_test_categories_timing.settings import grace_for
from pytest_test_categories_timing.trio_run import TrioRun
from pytest_test_categories_timing.wall_clock import Wall
from pytest_test_categories_timing.watchdog import WATCHDOG

# How soon to try again when an alarm comes before the test started running.
_SOON = 1e-4
# During the second grace, the harder stop is repeated this many times (a swallowed one is retried).
_HARD_TICKS = 5
# The second grace, before the last resort, is never shorter than this: a slow machine must not
# end a run that the harder stop was about to save.
_LAST_GRACE = 1.0

CoroutineFunction = Callable[..., Coroutine[Any, Any, Any]]


class Watch:
    """The state of one test's call phase, from its start to its verdict."""

    __slots__ = (
        "alarms",
        "awaiting",
        "cancels",
        "code",
        "coroutine",
        "deadline",
        "debugged",
        "finished",
        "item",
        "last_resort",
        "limit",
        "line_stop",
        "loop",
        "running",
        "size",
        "started",
        "stopped_after",
        "stopped_again_after",
        "stops",
        "task",
        "texts",
        "trio",
        "use_watchdog",
        "violation",
        "where",
    )

    def __init__(self, item: pytest.Item, size: TestSize, limit: float, code: str, texts: Texts) -> None:
        self.item = item
        self.size = size
        self.limit = limit
        self.code = code
        self.texts = texts
        self.started = 0.0
        self.deadline = 0.0
        self.alarms = 0  # how many times our alarm went off
        self.running = False  # set just before the test's call phase runs: no stop before that
        self.finished = False
        self.debugged = False
        self.use_watchdog = False
        self.stopped_after: float | None = None
        self.where: tuple[str, ...] = ()
        self.awaiting = False
        self.violation: Violation | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.task: asyncio.Task[Any] | None = None
        self.trio: TrioRun | None = None
        self.coroutine: object = None
        self.cancels = LoopCancels()
        self.stops = 0  # 1 after the first stop, 2 once stopped again, harder
        self.stopped_again_after: float | None = None
        self.line_stop: LineStop | None = None
        self.last_resort: LastResortTimer | None = None

    def start(self, started: float | None = None) -> None:
        """Start the clock now, or go on with the test's clock started at ``started`` (its set-up)."""
        self.started = Wall.now() if started is None else started
        self.deadline = self.started + self.limit

    def remaining(self) -> float:
        return max(self.deadline - Wall.now(), _SOON)

    @property
    def grace(self) -> float:
        return grace_for(self.limit)

    @property
    def allowance(self) -> str:
        return self.texts.allowance(self.size, self.limit, self.code)

    # -- the alarm (main thread) ---------------------------------------------------------------

    def on_alarm(self, signum: int, frame: FrameType | None) -> None:
        """SIGALRM handler: stop the test (cancel it, or raise where it is), then watch again."""
        __tracebackhide__ = True
        self.alarms += 1
        if self.finished or self.debugged:
            return
        if not self.running:  # a tiny limit ran out while arming: stop the test, not our set-up
            alarm.rearm(_SOON)
            return
        now = alarm.due(self.deadline)
        if now is None:
            return
        if debugger_active():
            self.debugged = True
            return
        if self.stops == 0:
            self.deadline = now + self.grace
            alarm.rearm(self.grace)
            # Cancel through the loop, unless the last cancel never got there (the loop is blocked).
            if not self.cancels.pending and self._request_cancel():
                self._first_stop()
                return
            stop = self._stop_here(now, frame)
            self._first_stop()
            raise stop
        # Still running after a grace: stop it again, harder, a few times until the last resort.
        self.stops = 2
        tick = self.grace / _HARD_TICKS
        self.deadline = now + tick
        alarm.rearm(tick)
        if not self.cancels.pending and self._request_hard_stop():
            return
        code = self.test_code()
        if code is not None and not in_test(frame, code):
            return  # the test has ended: pytest is winding it up, which must not be interrupted
        if self.stopped_after is not None and self.stopped_again_after is None:
            self.stopped_again_after = now - self.started  # (not when the first stop never got there)
        stop = self._stop_here(now, frame)
        if code is not None:
            if self.line_stop is None:
                self.line_stop = LineStop(code, self._hard_error)
            self.line_stop.start(frame)
        raise stop

    def _first_stop(self) -> None:
        """The first stop is on its way: the last resort waits for both graces (the second at least 1 s)."""
        self.stops = 1
        self.last_resort = LastResortTimer(
            self.item, self._last_resort_violation, self.grace + max(self.grace, _LAST_GRACE)
        )

    def _last_resort_violation(self) -> Violation | None:
        """Runs on the last resort's thread: what the test broke, unless it ended meanwhile."""
        if self.finished or self.debugged:
            return None
        elapsed = Wall.now() - self.started
        where = self.where
        if not self.awaiting:
            frame = main_thread_at()
            where = frame_chain(frame, self.test_code(), self.texts.root) if frame is not None else self.where
        return self.texts.violation(
            self.item.nodeid,
            self.size,
            self.code,
            kept_running(self.allowance, self.stopped_after or 0.0, elapsed, where or self.where),
        )

    def settle(self) -> None:
        """The test ended (on the main thread): undo the harder stop's tracer, call off the last resort."""
        if self.line_stop is not None:
            self.line_stop.stop()
        if self.last_resort is not None:
            self.last_resort.cancel()

    def _hard_error(self) -> TimeLimitReached:
        return TimeLimitReached(failure_text(self.stop_violation()), pytrace=self.test_code() is not None)

    # -- the shared watchdog (async tests off the main thread) ---------------------------------

    def on_watchdog(self, now: float) -> float | None:
        if self.finished or self.debugged or (self.task is None and self.trio is None):
            return None
        if self.stops == 0:
            self._request_cancel()
            self._first_stop()
            self.deadline = now + self.grace
            return self.deadline
        self.stops = 2
        self._request_hard_stop()
        self.deadline = now + self.grace / _HARD_TICKS
        return self.deadline

    # -- async tests -----------------------------------------------------------------------------

    async def run(self, function: CoroutineFunction, args: Any, kwargs: Any) -> Any:
        """Await the test's coroutine so that a cancel of ours ends it with our failure."""
        __tracebackhide__ = True
        coroutine = function(*args, **kwargs)
        trio_run = self.attach(coroutine)
        try:
            if trio_run is None:
                return await coroutine
            stopped_at: TracebackType | None = None
            with trio_run.scope:
                try:
                    return await coroutine
                except BaseException as raised:  # trio.Cancelled among others: keep where it was
                    stopped_at = raised.__traceback__
                    raise
            # only reached when our cancel scope caught the Cancelled it caused
            error = TimeLimitExceeded(failure_text(self.stop_violation()))
            raise error.with_traceback(stopped_at) from None
        except asyncio.CancelledError as cancelled:
            if not self.cancels.delivered:
                raise
            error = TimeLimitExceeded(failure_text(self.stop_violation()))
            raise error.with_traceback(cancelled.__traceback__) from None
        except TimeLimitReached as reached:  # the harder stop, through the awaited future
            error = TimeLimitExceeded(failure_text(self.stop_violation()))
            raise error.with_traceback(reached.__traceback__) from None
        finally:
            self.detach()

    def attach(self, coroutine: object) -> TrioRun | None:
        """Note the running test's loop and task (asyncio) or cancel scope (trio, returned)."""
        self.coroutine = coroutine
        try:
            self.loop = asyncio.get_running_loop()
        except RuntimeError:  # not asyncio: trio (through anyio), or a loop we do not know
            self.trio = TrioRun.here()
        else:
            self.task = asyncio.current_task()
        if self.use_watchdog and (self.task is not None or self.trio is not None):
            WATCHDOG.watch(self, self.deadline)
        return self.trio

    def detach(self) -> None:
        loop = self.loop
        task, self.task, self.loop, self.coroutine, self.trio = self.task, None, None, None, None
        if self.stops and loop is not None:
            release_executor(loop)  # threads the stopped test left must not hold its loop's teardown
        if self.use_watchdog:
            WATCHDOG.forget(self)
        if task is not None:
            self.cancels.take_back(task)  # our cancels are spent

    def _request_cancel(self) -> bool:
        loop = self.loop
        trio_run = self.trio
        if trio_run is not None:
            if not trio_run.call_soon(self._cancel_trio):
                return False
            self.cancels.requested += 1
            return True
        if loop is None or self.task is None:
            return False
        return self.cancels.ask(loop, self._cancel)

    def _request_hard_stop(self) -> bool:
        """Ask the loop to fail what the test awaits (asyncio), or to cancel it again (trio)."""
        if self.trio is not None:
            return self._request_cancel()
        loop = self.loop
        if loop is None or self.task is None:
            return False
        return self.cancels.ask(loop, self._fail_awaited)

    def _fail_awaited(self) -> None:
        """Runs on the test's loop: fail the future the test awaits with a stop it cannot catch."""
        task = self.task
        if task is None or self.finished or task.done():
            return
        self.cancels.delivered += 1
        if self.stopped_again_after is None:
            self.stopped_again_after = Wall.now() - self.started
        if not fail_awaited(task, self._hard_error()):
            task.cancel(f"{self.code}: stopped again at {self.allowance}")

    def _cancel_trio(self) -> None:
        """Runs in trio: note what the test awaits, then cancel the scope around it."""
        trio_run = self.trio
        if trio_run is None or self.finished:
            return
        self._delivering(None)
        trio_run.cancel()

    def _cancel(self) -> None:
        """Runs on the test's loop: note what the test awaits, then cancel it."""
        task = self.task
        if task is None or self.finished or task.done():  # it ended while its loop was blocked
            return
        self._delivering(task)
        task.cancel(f"{self.code}: stopped at {self.allowance}")

    def _delivering(self, task: asyncio.Task[Any] | None) -> None:
        """A cancel reaches the test now: note what it awaits and when it was stopped."""
        if not self.where:
            self.where = await_chain(task, self.coroutine, self.texts.root)
            self.awaiting = True
        if self.stopped_after is None:
            self.stopped_after = Wall.now() - self.started
        self.cancels.delivered += 1

    # -- the verdict -------------------------------------------------------------------------------

    def _stop_here(self, now: float, frame: FrameType | None) -> TimeLimitExceeded | TimeLimitReached:
        if self.stopped_after is None:
            self.stopped_after = now - self.started
        test_code = self.test_code()
        if not self.where:
            self.where = frame_chain(frame, test_code, self.texts.root)
            self.awaiting = False
        # Without a test function (a doctest, another plugin's item), pytest cannot trim the
        # traceback to the test: it would run through pytest's and pluggy's internals for pages.
        # The message says where the test was.
        # unittest keeps what the test raised as its failure, and pytest reports that one as it
        # is: there the stop is raised as the failure itself.
        stop = TimeLimitExceeded if isinstance(self.item, TestCaseFunction) else TimeLimitReached
        return stop(failure_text(self.stop_violation()), pytrace=test_code is not None)

    def stop_violation(self) -> Violation:
        again = self.stopped_again_after
        if self.violation is None or (again is not None and "harder" not in self.violation.what_happened):
            if again is None:
                what = stopped(self.allowance, self.stopped_after or 0.0, self.where, self.awaiting)
            else:
                subtests = "subtests" in getattr(self.item, "fixturenames", ())
                what = stopped_again(
                    self.allowance, self.stopped_after or 0.0, again, self.where, self.awaiting, subtests
                )
            self.violation = self.texts.violation(self.item.nodeid, self.size, self.code, what)
        return self.violation

    def test_code(self) -> CodeType | None:
        function = getattr(self.item, "function", None)
        if function is None:
            return None
        # hypothesis runs the test's own function from a generated wrapper that keeps it here
        function = getattr(getattr(function, "hypothesis", None), "inner_test", function)
        code = getattr(inspect.unwrap(function), "__code__", None)
        return code if isinstance(code, CodeType) else None
