"""Set-up and teardown on the clock: a test's own fixtures on its clock, wider ones on their own.

A sized test's clock starts when its set-up starts and runs through its call (the enforcer's
watch continues it) and its teardown: the function-scoped fixtures it sets up and tears down are
part of its time. A fixture of wider scope (class, module, package, session) is shared, so its
set-up and teardown pause the test's clock and run on the fixture limit instead.

Per test this costs one hook wrapper per phase and one alarm, armed at the start of the set-up and
disarmed at the end of the teardown: the enforcer's watch takes it over for the call (``target``)
instead of arming its own. A wider fixture arms its own, once per scope.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Generator
from types import FrameType
from typing import TYPE_CHECKING, Any

import pytest
from pytest import FixtureDef

from pytest_test_categories_core import Enforcement, TestSize, facts_of, report_violation, violations_of
from pytest_test_categories_timing import alarm
from pytest_test_categories_timing.compat import SubRequest
from pytest_test_categories_timing.debugger import debugger_active
from pytest_test_categories_timing.errors import TimeLimitExceeded, TimeLimitWarning
from pytest_test_categories_timing.fixture_guard import guard_fixture, is_async_fixture
from pytest_test_categories_timing.fixture_limit import FIXTURE_LIMIT_INI
from pytest_test_categories_timing.fixture_stop import SET_UP, TEARDOWN, Span, took_text
from pytest_test_categories_timing.messages import BUDGET, SIZE_LIMIT, failure_text, warning_text
from pytest_test_categories_timing.settings import grace_for
from pytest_test_categories_timing.time_limit_xfail import ensure_strict_xfail_guard
from pytest_test_categories_timing.wall_clock import Wall

if TYPE_CHECKING:
    from pytest_test_categories_timing.enforcer import Enforcer

FIXTURE_WATCH_NAME = "test_categories_timing_fixture_watch"
_SOON = 1e-4
_TIMING_CODES = (SIZE_LIMIT, BUDGET)


class FixtureWatch:
    """Registered beside the enforcer when timing is on."""

    def __init__(self, enforcer: Enforcer, fixture_limit: float) -> None:
        self.enforcer = enforcer
        self.fixture_limit = fixture_limit
        self.item: pytest.Item | None = None
        self.test: Span | None = None  # the running sized test's span (set-up, then teardown)
        self.saved: alarm.Saved | None = None  # the test's alarm, armed over set-up to teardown
        self.target: Any = None  # what the test's alarm stops: its span, or the enforcer's watch
        self.handler = self.on_alarm  # one bound method, so that it can be recognised as installed
        self.wide: list[Span] = []  # wider fixtures being set up or torn down, innermost last
        self.stopped_wide: Span | None = None  # the last wider fixture stopped in this phase
        self.debugged = False  # the running test entered the debugger
        self.over_before_teardown = False
        # whether stops are possible at all in this run (strict, no debugging flags)
        self.can_stop = enforcer.no_stop_reason is None
        self._texts: dict[tuple[TestSize, float, str], tuple[str, str]] = {}

    # -- the test's set-up and teardown, on the test's clock ----------------------------------------

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, None, None]:
        __tracebackhide__ = True  # a violation's traceback shows the user's code, not ours
        size, budget = facts_of(item)
        now = Wall.now()
        self.item = item
        if size is None:
            self.test = None
            return (yield)
        span = self._test_span(item, size, budget)
        self.test = span
        self.debugged = False
        self.enforcer.clock_start = (item, now)
        span.start(SET_UP, now, now + span.limit)
        # Armed here only for a test with fixtures (the user's code in its set-up); the enforcer
        # arms at the call for one without.
        if getattr(item, "fixturenames", None) and alarm.usable() and self._stoppable(item):
            self.target = None  # a limit so tiny it runs out while arming: stop the set-up, not this
            self.saved = alarm.arm(span.limit, self.handler)
        self.target = span
        try:
            return (yield)
        except BaseException as error:
            raise _instead(error, self._ended(item, span, error))  # noqa: B904 - the error itself again, or its stand-in
        finally:
            # Not judged here when over but not stopped: the call goes on on the same clock and is.
            span.running = False

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, None, None]:
        __tracebackhide__ = True  # a violation's traceback shows the user's code, not ours
        span = self.test if self.item is item else None
        if span is None:
            try:
                return (yield)
            except BaseException as error:
                raise _instead(error, self._wide_stop(error))  # noqa: B904 - the error itself again, or its stand-in
        now = Wall.now()
        started = self._clock_start(item)
        # Over the limit already: the call judged that (or its debugging); the teardown is judged
        # only for running the test over its limit itself.
        self.over_before_teardown = now - started > span.limit
        # A test stopped or over its limit already failed for it: its teardown gets the grace to end.
        deadline = max(started + span.limit, now + grace_for(span.limit))
        span.start(TEARDOWN, started, deadline)
        span.stopped_after = None
        span.violation = None
        span.fixture = None
        span.where = ()
        self.target = span
        if self.saved is not None and alarm.is_installed(self.handler):
            alarm.rearm(max(deadline - now, _SOON))
        try:
            return (yield)
        except BaseException as error:
            raise _instead(error, self._ended(item, span, error))  # noqa: B904 - the error itself again, or its stand-in
        finally:
            span.running = False
            if self.saved is not None:
                alarm.disarm(self.saved)
                self.saved = None
            self._over_limit(item, span)
            self.test = self.target = None
            self.enforcer.clock_start = None

    def on_alarm(self, signum: int, frame: FrameType | None) -> None:
        """The test's alarm (SIGALRM handler): stops whatever runs on the test's clock now."""
        __tracebackhide__ = True
        target = self.target
        if target is None:  # still arming: try again in a moment
            alarm.rearm(_SOON)
            return
        target.on_alarm(signum, frame)

    def take_alarm(self, item: pytest.Item, target: Any, seconds: float) -> bool:
        """Let ``target`` (the enforcer's watch) have the test's alarm in ``seconds``; False when
        the test's set-up armed none (then the caller arms its own)."""
        if self.saved is None or self.item is not item or not alarm.is_installed(self.handler):
            return False  # (someone armed an alarm of their own since: the caller nests its own)
        self.target = target
        alarm.rearm(seconds)
        return True

    def _ended(self, item: pytest.Item, span: Span, error: BaseException) -> BaseException:
        if not span.stopped or span.debugged:
            return self._wide_stop(error)
        final = span.stop_error(error)
        if isinstance(final, TimeLimitExceeded):
            report_violation(item, span.stop_violation())
            ensure_strict_xfail_guard(self.enforcer.pluginmanager)
        return final

    def _wide_stop(self, error: BaseException) -> BaseException:
        """A wider fixture's teardown cancelled through its loop ends in the teardown phase's error."""
        span, self.stopped_wide = self.stopped_wide, None
        return error if span is None else span.stop_error(error)

    def _over_limit(self, item: pytest.Item, span: Span) -> None:
        """After the fact: a set-up or teardown that was not stopped but ran the test over its time."""
        if span.stopped or span.debugged or self.debugged or self.over_before_teardown:
            return
        elapsed = Wall.now() - self._clock_start(item)
        if elapsed <= span.limit or debugger_active():
            return
        if any(violation.code in _TIMING_CODES for violation in violations_of(item)):
            return
        why_not = self._why_not(item)
        violation = span.violation_for(took_text(span, elapsed, why_not))
        report_violation(item, violation)
        self._warn_or_fail(item, violation)

    def _warn_or_fail(self, node: pytest.Item | pytest.Collector, violation: Any) -> None:
        if self.enforcer.mode is Enforcement.WARN:
            node.warn(TimeLimitWarning(warning_text(violation)))
            return
        raise TimeLimitExceeded(failure_text(violation), pytrace=False)

    def _test_span(self, item: pytest.Item, size: TestSize, budget: float | None) -> Span:
        texts = self.enforcer.texts
        code = BUDGET if budget is not None and budget > 0 else SIZE_LIMIT
        limit = budget if budget is not None and budget > 0 else self.enforcer.limits[size]
        # The texts depend on the size, the limit and the code alone: built once per kind of test,
        # not for every test (they are read only when a test is stopped or over its time).
        key = (size, limit, code)
        cached = self._texts.get(key)
        if cached is None:
            cached = self._texts[key] = (texts.allowance(size, limit, code), texts.how_to_fix(size, code))
        allowance, how_to_fix = cached
        return Span(
            limit=limit,
            allowance=allowance,
            code=code,
            nodeid=item.nodeid,
            size=size,
            how_to_fix=how_to_fix,
            root=texts.root,
        )

    def _stoppable(self, item: pytest.Item) -> bool:
        return self.enforcer.always_stoppable or self.enforcer.why_not_stopped(item) is None

    def _why_not(self, item: pytest.Item) -> str | None:
        if not self.enforcer.always_stoppable:
            return self.enforcer.why_not_stopped(item) or None
        if not alarm.usable():
            return "it ran outside the main thread, or this platform has no SIGALRM"
        return None

    def _clock_start(self, item: pytest.Item) -> float:
        clock = self.enforcer.clock_start
        return clock[1] if clock is not None and clock[0] is item else Wall.now()

    # -- fixtures of wider scope, on the fixture limit ---------------------------------------------

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_fixture_setup(
        self, fixturedef: FixtureDef[Any], request: SubRequest
    ) -> Generator[None, Any, Any]:
        __tracebackhide__ = True  # a violation's traceback shows the user's code, not ours
        original = fixturedef.func
        guarded = self.can_stop and is_async_fixture(original)
        if guarded:  # pytest-asyncio and anyio, inside this wrapper, run the guarded function
            fixturedef.func = guard_fixture(original, self)  # type: ignore[misc]
        try:
            if fixturedef.scope == "function":
                return (yield)
            return (yield from self._wide_fixture_setup(fixturedef, request))
        finally:
            if guarded:
                fixturedef.func = original  # type: ignore[misc]

    def _wide_fixture_setup(
        self, fixturedef: FixtureDef[Any], request: SubRequest
    ) -> Generator[None, Any, Any]:
        wide = WideFixture(self, fixturedef, request)
        # Finalizers run last-added first: this one after the fixture's own teardown...
        fixturedef.addfinalizer(wide.end_teardown)
        wide.begin(SET_UP)
        try:
            result = yield
        except BaseException as error:
            raise _instead(error, wide.end(error) or error)  # noqa: B904 - the error itself again, or its stand-in
        over = wide.end(None)
        if over is not None:
            raise over
        # ...and this one before it: the teardown starts on the fixture limit.
        fixturedef.addfinalizer(wide.begin_teardown)
        return result

    def stop_for(self, task: asyncio.Task[Any] | None) -> BaseException | None:
        """The failure an async fixture ends with when our cancel reached it (see ``fixture_guard``)."""
        for span in (self.test, *self.wide):
            if span is not None and span.task is task and task is not None and span.cancels.delivered:
                span.cancels.take_back(task)
                return TimeLimitExceeded(failure_text(span.stop_violation()), pytrace=True)
        return None

    @pytest.hookimpl
    def pytest_enter_pdb(self) -> None:
        self.debugged = True
        for span in (self.test, *self.wide):
            if span is not None:
                span.debugged = True

    @pytest.hookimpl
    def pytest_sessionfinish(self) -> None:
        # An interrupted run never reached the test's teardown. Off the main thread (timing's last
        # resort ends the session from its timer thread) the alarm cannot be touched, and the
        # process ends right after.
        if self.saved is not None and threading.current_thread() is threading.main_thread():
            alarm.disarm(self.saved)
            self.saved = None


class WideFixture:
    """One set-up (and later teardown) of a fixture of wider scope, on the fixture limit."""

    __slots__ = ("fixturedef", "paused_at", "request", "saved", "span", "watch")

    def __init__(self, watch: FixtureWatch, fixturedef: FixtureDef[Any], request: SubRequest) -> None:
        self.watch = watch
        self.fixturedef = fixturedef
        self.request = request
        self.span: Span | None = None
        self.saved: alarm.Saved | None = None
        self.paused_at = 0.0

    def begin(self, phase: str) -> None:
        watch = self.watch
        item = watch.item
        limit = watch.fixture_limit
        span = Span(
            limit=limit,
            allowance=f"the fixture limit of {limit:g} s ({FIXTURE_LIMIT_INI})",
            code=SIZE_LIMIT,
            nodeid=item.nodeid if item is not None else self.request.node.nodeid,
            size=facts_of(item)[0] if item is not None else None,
            how_to_fix=(
                f"make the fixture's {phase} faster, or give what it waits for a timeout of its own "
                f"(asyncio.timeout(), a client's timeout=); if it really needs longer, raise "
                f"{FIXTURE_LIMIT_INI} (now {limit:g} s) or --test-categories-fixture-limit."
            ),
            root=watch.enforcer.texts.root,
            fixture=self.fixturedef,
        )
        now = Wall.now()
        self.paused_at = now
        span.start(phase, now, now + limit)
        self.span = span
        watch.wide.append(span)
        if watch.enforcer.no_stop_reason is None and alarm.usable():
            self.saved = alarm.arm(limit, span.on_alarm)

    def end(self, error: BaseException | None) -> BaseException | None:
        span = self.span
        if span is None:
            return error
        span.running = False
        watch = self.watch
        if span in watch.wide:
            watch.wide.remove(span)
        now = Wall.now()
        self._resume_test(now - self.paused_at)
        if self.saved is not None:
            alarm.disarm(self.saved)
            self.saved = None
            test = watch.test
            if test is not None and test.running and watch.saved is not None:
                alarm.rearm(max(test.deadline - now, _SOON))
        self.span = None
        item = watch.item
        if span.stopped and not span.debugged:
            watch.stopped_wide = span
            final = span.stop_error(error) if error is not None else None
            if item is not None and isinstance(final, TimeLimitExceeded):
                report_violation(item, span.stop_violation())
            return final if final is not None else error
        elapsed = now - span.started
        if elapsed > span.limit and not span.debugged and not debugger_active() and error is None:
            violation = span.violation_for(took_text(span, elapsed, watch.enforcer.no_stop_reason or None))
            if item is not None:
                report_violation(item, violation)
            try:
                watch._warn_or_fail(item if item is not None else self.request.node, violation)
            except TimeLimitExceeded as over:
                return over
        return error

    def _resume_test(self, paused: float) -> None:
        """The test's clock did not run while a wider fixture did: move its start and deadline on."""
        watch = self.watch
        item = watch.item
        clock = watch.enforcer.clock_start
        if item is None or clock is None or clock[0] is not item:
            return
        watch.enforcer.clock_start = (item, clock[1] + paused)
        test = watch.test
        if test is not None:
            test.started += paused
            test.deadline += paused

    def begin_teardown(self) -> None:
        self.begin(TEARDOWN)

    def end_teardown(self) -> None:
        if self.span is None or self.span.phase != TEARDOWN:
            return
        final = self.end(None)
        if final is not None:
            raise final


def _instead(error: BaseException, final: BaseException) -> BaseException:
    """What a phase raised becomes: ``error`` itself, raised again untouched, or ``final`` in its
    place, without ``error`` shown as its context (as ``raise final from None``)."""
    if final is not error:
        final.__suppress_context__ = True
    return final
