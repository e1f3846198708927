"""Gating each test: only the test's own code, recording before raising, failing what was swallowed.

Gated: the test's function-scoped fixtures (setup) and its body, ``item.runtest`` (call).
Fixtures of a broader scope are set up once for many tests and are not gated, wherever they
happen to be set up; teardown is not gated either (it releases what setup acquired, and broader
fixtures are torn down in whichever test happens to run last); nor are other plugins' hooks of
the same phases.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Sequence
from typing import Any

import pytest

from pytest_test_categories_core import TestSize, Violation, render_violation, report_violation, size_of
from pytest_test_categories_isolation.codes import how_to_fix
from pytest_test_categories_isolation.errors import IsolationViolationError
from pytest_test_categories_isolation.gate import NO_RULES, Finding, Gate, Rule, Rules
from pytest_test_categories_isolation.gated_function import gated
from pytest_test_categories_isolation.log import LOG_KEY, ViolationLog
from pytest_test_categories_isolation.readable_paths import ReadablePaths
from pytest_test_categories_isolation.rules import rules_for
from pytest_test_categories_isolation.violation_xfail import ensure_strict_xfail_guard

_WENT_ON = (
    "The test went on after this (the error was caught, or it was raised in another thread); "
    "the violation still fails it."
)


_XUNIT_FIXTURES = (
    ("_xunit_setup_method_fixture_", "setup_method"),
    ("_xunit_setup_function_fixture_", "setup_function"),
)


def _whose(fixture: str, requested: Sequence[str]) -> str:
    """Where a violation during set-up happened, in the names the user wrote."""
    for prefix, name in _XUNIT_FIXTURES:  # pytest runs these as fixtures of its own naming
        if fixture.startswith(prefix):
            return f"in {name}"
    if fixture == "pytester" and "testdir" in requested:  # testdir is set up through pytester
        return "setting up the fixture 'pytester', which testdir uses"
    return f"setting up the fixture {fixture!r}"


class PhaseScope:
    """The running test as the gate sees it; ``check`` runs for watched events only.

    One per test: made at setup, reused for the call (only ``phase`` changes).
    """

    __slots__ = ("fixtures", "item", "phase", "rules", "runner", "size", "thread")

    def __init__(self, runner: IsolationRunner, item: pytest.Item, size: TestSize, rules: Rules) -> None:
        self.runner = runner
        self.item = item
        self.size = size
        self.rules = rules
        self.phase = "setup"
        self.thread = threading.get_ident()
        self.fixtures: list[str] = []  # the function-scoped fixtures being set up, innermost last

    def check(self, rule: Rule, args: tuple[Any, ...]) -> None:
        __tracebackhide__ = True
        busy = self.runner.gate.busy
        thread = threading.get_ident()
        if thread in busy:  # an event raised while we judge or record one (a listener's file, ...)
            return
        busy.add(thread)
        try:
            finding = rule(args, self.runner.readable)
            if finding is None:
                return
            violation = self.runner.record(self, finding, thread)
        except Exception as bug:  # never let our own bug break the operation or the session
            self.runner.bugs.append(f"{self.item.nodeid}: checking {rule.__name__} failed: {bug!r}")
            return
        finally:
            busy.discard(thread)
        if self.runner.strict:
            raise IsolationViolationError(violation)


class IsolationRunner:
    """The per-session plugin registered when the mode is ``warn`` or ``strict``."""

    def __init__(self, config: pytest.Config, *, strict: bool, gate: Gate) -> None:
        self.strict = strict
        self.gate = gate
        self.readable = ReadablePaths(config.rootpath)
        self.pluginmanager = config.pluginmanager
        self.bugs: list[str] = []  # our own failures to judge an operation (it was allowed)
        self.listener_errors: list[str] = []  # pytest_test_categories_violation hooks that raised
        self.recorded = 0  # violations recorded so far: a phase that changed it needs settling
        self._item: pytest.Item | None = None
        self._scope: PhaseScope | None = None

    # -- recording (called from the audit hook, inside the busy guard) --------------------------

    def record(self, scope: PhaseScope, finding: Finding, thread: int) -> Violation:
        code, what = finding
        if thread != scope.thread:
            what = f"{what} (in thread {threading.current_thread().name})"
        item = scope.item
        log = item.stash.get(LOG_KEY, None)
        if log is None:
            log = item.stash[LOG_KEY] = ViolationLog()
        key = (scope.phase, code, what)
        known = log.seen.get(key)
        if known is not None:  # the same attempt again (a retry loop): one record is enough
            return known
        culprit = scope.fixtures[-1] if scope.fixtures else None
        requested = getattr(item, "fixturenames", ())
        if culprit is not None:  # a fixture's code, not the test's: say which
            what = f"{what} ({_whose(culprit, requested)})"
        advice = how_to_fix(code, scope.size, culprit, requested)
        violation = Violation(code, item.nodeid, scope.size, what, advice)
        log.seen[key] = violation
        log.entries.append((scope.phase, violation))
        self.recorded += 1
        try:
            report_violation(item, violation)
        except Exception:  # a conftest's or plugin's listener: the violation stands all the same
            self.listener_errors.append(f"{item.nodeid} ({violation.code}):\n{traceback.format_exc()}")
        return violation

    # -- gating the test's own code ----------------------------------------------------------------
    #
    # Only what the test asked for is gated: its function-scoped fixtures (one at a time, through
    # pytest_fixture_setup) and its body (``item.runtest``). Other plugins' and conftest files'
    # ``pytest_runtest_setup``/``pytest_runtest_call`` hooks run in the same phases but are not the
    # test's doing (coverage switching its context, a conftest writing a log), so they stay outside.

    def _scope_for(self, item: pytest.Item) -> PhaseScope | None:
        """The running test's scope, made once per test; None when its size allows everything."""
        if item is not self._item:
            self._item = item
            size = size_of(item)
            rules = rules_for(size)
            self._scope = PhaseScope(self, item, size, rules) if size is not None and rules else None
        return self._scope

    def open(self, scope: PhaseScope | None) -> tuple[int, int]:
        """Start gating for ``scope``: the depth to leave at (0: nothing to leave) and the count so far."""
        gate = self.gate
        if scope is not None:
            return gate.enter(scope.rules, scope), self.recorded
        # nothing to check, unless nested in a gated test (an in-process pytest run): then this
        # test's size decides, and it allows everything
        return (gate.enter(NO_RULES, None) if gate.rules else 0), self.recorded

    def close(self, item: pytest.Item, depth: int, recorded: int, raised: BaseException | None) -> None:
        """Stop gating; in strict mode, fail with what was recorded meanwhile and not shown yet."""
        __tracebackhide__ = True
        self.gate.leave(depth)
        if self.recorded == recorded or not self.strict:
            return
        # from the first violation on, an xfail mark must not turn one into an expected failure
        ensure_strict_xfail_guard(self.pluginmanager)
        replacement = self._settle(item, raised)
        if replacement is not None:
            if raised is None:
                raise replacement
            raise replacement from raised

    def layer(self, item: pytest.Item, function: Any) -> Any:
        """Isolation's layer in core's pipeline: the test's own code, gated while it runs."""
        scope = self._scope_for(item)
        if scope is None and not self.gate.rules:
            return function
        if scope is not None:
            scope.phase = "call"
        return gated(function, self, item, scope)

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest) -> Any:
        __tracebackhide__ = True  # a violation's traceback shows the fixture's code, not this wrapper
        gate = self.gate
        fixtures: list[str] | None = None
        if fixturedef.scope == "function":
            item = request.node  # the test, for this scope
            scope = self._scope_for(item)
            if scope is None and not gate.rules:
                return (yield)
            depth, recorded = self.open(scope)
            if scope is not None:
                fixtures = scope.fixtures
                fixtures.append(fixturedef.argname)
        else:
            active = gate.scope
            if not gate.rules or not isinstance(active, PhaseScope) or active.runner is not self:
                return (yield)
            # a shared fixture set up while a test's code runs (getfixturevalue): not the test's doing
            item = active.item
            depth, recorded = gate.enter(NO_RULES, None), self.recorded
        try:
            result = yield
        except BaseException as raised:
            if fixtures:
                fixtures.pop()
            self.close(item, depth, recorded, raised)
            raise
        if fixtures:
            fixtures.pop()
        self.close(item, depth, recorded, None)
        return result

    def _settle(self, item: pytest.Item, raised: BaseException | None) -> BaseException | None:
        """Make every violation recorded since the last settling show, and fail the test.

        Returns the exception to raise instead of ``raised`` (None: keep the outcome as it is).
        """
        log = item.stash.get(LOG_KEY, None)
        if log is None:
            return None
        carried = raised.violation if isinstance(raised, IsolationViolationError) else None
        unseen = [v for _, v in log.entries[log.shown :] if v is not carried]
        log.shown = len(log.entries)
        if not unseen:
            return None
        boxes = "\n".join(render_violation(v) for v in unseen)
        if raised is None or isinstance(raised, pytest.skip.Exception | pytest.xfail.Exception):
            # swallowed by the test (or followed by a skip): the test still broke its size's promise
            return pytest.fail.Exception(f"{unseen[0].summary}\n{_WENT_ON}\n{boxes}", pytrace=False)
        if isinstance(raised, pytest.fail.Exception):
            return pytest.fail.Exception(f"{raised.msg}\n{boxes}", pytrace=raised.pytrace)
        if isinstance(raised, Exception):
            raised.add_note(boxes)
        return None

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.bugs:
            terminalreporter.section("test categories: isolation plugin errors", red=True)
            for line in self.bugs:
                terminalreporter.line(line)
            terminalreporter.line("The operations above were allowed. Please report this as a bug.")
        if self.listener_errors:
            terminalreporter.section("test categories: a violation listener raised", red=True)
            terminalreporter.line(
                "These pytest_test_categories_violation hook implementations raised; the violations "
                "were recorded and enforced all the same:"
            )
            for text in self.listener_errors:
                terminalreporter.line(text.rstrip("\n"))
