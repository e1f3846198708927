"""The timing enforcer: registered only when timing is on, so ``off`` costs nothing per test.

Per test it does the least it can: one stash read for size and budget, a small object, and
(in strict mode, on the main thread) a few system calls to arm and disarm the alarm. Everything
else is decided once, at configure time.
"""

from __future__ import annotations

import math
from collections.abc import Generator
from typing import Any, Protocol

import pytest

from pytest_test_categories_core import (
    Enforcement,
    Violation,
    facts_of,
    is_coroutine_function,
    render_violation,
    report_violation,
    time_limits,
)
from pytest_test_categories_timing import alarm
from pytest_test_categories_timing.call_chain import test_line_of
from pytest_test_categories_timing.compat import OutcomeException, pytest_timeout_limit
from pytest_test_categories_timing.debugger import debugger_active
from pytest_test_categories_timing.errors import TimeLimitExceeded, TimeLimitReached, TimeLimitWarning
from pytest_test_categories_timing.leftover_threads import LeftoverThreads
from pytest_test_categories_timing.limit_watch import Watch
from pytest_test_categories_timing.messages import (
    BUDGET,
    SIZE_LIMIT,
    Texts,
    carried_on,
    failure_text,
    took,
    warning_text,
)
from pytest_test_categories_timing.time_limit_xfail import ensure_strict_xfail_guard
from pytest_test_categories_timing.trio_tests import sole_stop
from pytest_test_categories_timing.wall_clock import Wall


class AlarmHolder(Protocol):
    """Holds a test's alarm from its set-up to its teardown (the fixture watch)."""

    def take_alarm(self, item: pytest.Item, target: Any, seconds: float) -> bool: ...


ENFORCER_NAME = "test_categories_timing_enforcer"
_ALARM_TAKEN = "its SIGALRM alarm was taken over (the test set its own SIGALRM handler or timer)"
_LOOP_BLOCKED = "its event loop was blocked (a blocking call in async code?), so it could not be cancelled"

# Outcomes that are not the test's own failure: skips and xfails were asked for, and an
# interrupt or exit must go through untouched.
_PASS_THROUGH = (pytest.skip.Exception, pytest.xfail.Exception, pytest.exit.Exception, KeyboardInterrupt)


class Enforcer:
    def __init__(self, config: pytest.Config, mode: Enforcement) -> None:
        self.mode = mode
        self.limits = time_limits(config)
        self.texts = Texts(limits=self.limits, root=config.rootpath)
        self.no_stop_reason: str | None = None
        if mode is Enforcement.WARN:
            self.no_stop_reason = ""
        elif config.getoption("usepdb", False) or config.getoption("trace", False):
            self.no_stop_reason = "--pdb or --trace is on"
        self.pluginmanager = config.pluginmanager
        self.timeout_plugin = config.pluginmanager.hasplugin("timeout")
        # Whether every sized test of this run can be stopped at its limit (decided once).
        self.always_stoppable = self.no_stop_reason is None and not self.timeout_plugin
        self.global_timeout = 0.0
        self.current: Watch | None = None
        # The running test's clock start (its set-up, later for time spent in wider fixtures),
        # kept by the fixture watch: the call phase goes on on the same clock.
        self.clock_start: tuple[pytest.Item, float] | None = None
        self.leftovers = LeftoverThreads()
        self.fixture_watch: AlarmHolder | None = None  # the fixture watch, when both are registered

    @pytest.hookimpl
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        # pytest-timeout resolves its settings in its own pytest_configure, which may run after ours.
        self.global_timeout = _positive(pytest_timeout_limit(session.config))

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        __tracebackhide__ = _hidden
        size, budget = facts_of(item)
        if size is None:
            return (yield)
        if budget is not None and budget > 0 and math.isfinite(budget):
            watch = Watch(item, size, budget, BUDGET, self.texts)
        else:
            watch = Watch(item, size, self.limits[size], SIZE_LIMIT, self.texts)
        clock = self.clock_start
        watch.start(clock[1] if clock is not None and clock[0] is item else None)
        why_not = None if self.always_stoppable else self.why_not_stopped(item)
        saved: alarm.Saved | None = None
        armed = False
        if why_not is None:
            # The test's alarm, armed at its set-up, is handed to the watch (no second alarm).
            watcher = self.fixture_watch
            armed = watcher is not None and watcher.take_alarm(item, watch, watch.remaining())
            if not armed and alarm.usable():
                saved = alarm.arm(watch.remaining(), watch.on_alarm)
                armed = saved is not None
            if not armed:
                # the pipeline's timing layer made an async test's function the watched one
                is_async = isinstance(item, pytest.Function) and is_coroutine_function(item.obj)
                why_not = self._without_alarm(watch, is_async=is_async)
        self.current = watch
        error: BaseException | None = None
        watch.running = True  # from here on the alarm stops the test (no check between this and the yield)
        try:
            yield
        except BaseExceptionGroup as group:  # pytest-trio's nursery: our stop alone is itself
            error = sole_stop(group)
        except BaseException as raised:
            error = raised
        finally:
            # First, before anything can be interrupted: from here on the alarm does nothing.
            watch.finished = True
        if watch.stops:
            watch.settle()
            self.leftovers.note_after_stop(item.nodeid)
        elapsed = Wall.now() - watch.started
        if saved is not None:
            alarm.disarm(saved)
        if armed and not watch.alarms and why_not is None and elapsed > watch.limit + watch.grace:
            why_not = _ALARM_TAKEN
        self.current = None
        if watch.stopped_after is None and elapsed <= watch.limit:
            if error is not None:
                raise error  # in time: the test's own outcome, untouched
            return None
        verdict = self._verdict(item, watch, elapsed, error, why_not)
        if isinstance(verdict, TimeLimitExceeded):
            ensure_strict_xfail_guard(self.pluginmanager)  # an xfail mark must not hide it
        if verdict is not None:
            raise verdict
        return None

    @pytest.hookimpl
    def pytest_enter_pdb(self) -> None:
        if self.current is not None:
            self.current.debugged = True

    @staticmethod
    def _without_alarm(watch: Watch, is_async: bool) -> str | None:
        """No alarm: an async test is watched by the shared watchdog, a sync one after the fact."""
        if is_async:
            watch.use_watchdog = True
            return None
        if not alarm.AVAILABLE:
            return "this platform has no SIGALRM"
        if alarm.usable():
            return "a SIGALRM handler installed outside Python is in place"
        return "it ran outside the main thread"

    def why_not_stopped(self, item: pytest.Item) -> str | None:
        if self.no_stop_reason is not None:
            return self.no_stop_reason
        if self.timeout_plugin and self._governed_by_pytest_timeout(item):
            return "pytest-timeout governs this test"
        return None

    def _governed_by_pytest_timeout(self, item: pytest.Item) -> bool:
        marker = item.get_closest_marker("timeout")
        if marker is None:
            return self.global_timeout > 0
        return _positive(marker.args[0] if marker.args else marker.kwargs.get("timeout")) > 0

    def _verdict(
        self,
        item: pytest.Item,
        watch: Watch,
        elapsed: float,
        error: BaseException | None,
        why_not: str | None,
    ) -> BaseException | None:
        """The exception a stopped or over-limit call phase ends with: the test's own, ours, or none."""
        stopped = watch.stopped_after is not None
        if isinstance(error, TimeLimitReached):
            # the stop the alarm raised in the test: it fails as TimeLimitExceeded, at that line
            error = TimeLimitExceeded(error.msg, pytrace=error.pytrace).with_traceback(error.__traceback__)
        if isinstance(error, _PASS_THROUGH):
            return error
        if watch.debugged or debugger_active():
            return error
        if isinstance(error, TimeLimitExceeded) and stopped:
            violation = watch.stop_violation()
        elif stopped and error is None:
            violation = watch.texts.violation(
                item.nodeid,
                watch.size,
                watch.code,
                carried_on(watch.allowance, elapsed, "subtests" in getattr(item, "fixturenames", ())),
            )
        elif stopped:
            violation = watch.stop_violation()
        else:
            if why_not is None and watch.cancels.requested:
                why_not = _LOOP_BLOCKED
            violation = watch.texts.violation(
                item.nodeid, watch.size, watch.code, took(watch.allowance, elapsed, why_not)
            )
        report_violation(item, violation)
        if self.mode is Enforcement.WARN:
            try:
                item.warn(TimeLimitWarning(warning_text(violation)))
            except TimeLimitWarning:  # warnings are errors here (-W error, filterwarnings = error)
                return _warning_as_error(violation, error)
            return error
        if isinstance(error, TimeLimitExceeded) and stopped:
            return error
        final = TimeLimitExceeded(failure_text(violation, also=error), pytrace=error is not None)
        if error is not None:
            # Shown after the test's own failure, pointing at the test line where that happened.
            final.__context__ = error
            final.__traceback__ = test_line_of(error, watch.test_code()) or error.__traceback__
        return final


def _warning_as_error(violation: Violation, error: BaseException | None) -> BaseException:
    """Warn mode with warnings turned into errors: fail like strict mode, keeping the test's own failure."""
    reason = "(warn mode, but warnings are errors in this run)"
    if error is not None:
        error.add_note(f"{violation.summary} {reason}")
        return error
    return TimeLimitExceeded(f"{violation.summary} {reason}\n{render_violation(violation)}", pytrace=False)


def _hidden(excinfo: pytest.ExceptionInfo[BaseException] | None) -> bool:
    """Hide this hook from tracebacks, except from a message-only failure (it would have no entries)."""
    value = excinfo.value if excinfo is not None else None
    return not (isinstance(value, OutcomeException) and not value.pytrace)


def _positive(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return number if number > 0 and math.isfinite(number) else 0.0
