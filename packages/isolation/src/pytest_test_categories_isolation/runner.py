"""Gating each test: which phases, recording before raising, and failing what was swallowed.

Covered: the setup phase (the test's function-scoped fixtures, autouse ones included) and the
call phase (the test body). Fixtures of a broader scope are set up once for many tests and are
not gated, wherever they happen to be set up; teardown is not gated either (it releases what
setup acquired, and broader fixtures are torn down in whichever test happens to run last).
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import pytest

from pytest_test_categories_core import TestSize, Violation, render_violation, report_violation, size_of
from pytest_test_categories_isolation.codes import how_to_fix
from pytest_test_categories_isolation.errors import IsolationViolationError
from pytest_test_categories_isolation.gate import NO_RULES, Finding, Gate, Rule, Rules
from pytest_test_categories_isolation.readable import ReadablePaths
from pytest_test_categories_isolation.rules import rules_for


@dataclass(slots=True)
class _Log:
    """This plugin's violations of one test, by phase; created on the first one only."""

    entries: list[tuple[str, Violation]] = field(default_factory=list)
    seen: dict[tuple[str, str, str], Violation] = field(default_factory=dict)


_LOG_KEY = pytest.StashKey[_Log]()
_WENT_ON = (
    "The test went on after this (the error was caught, or it was raised in another thread); "
    "the violation still fails it."
)


class PhaseScope:
    """The running test as the gate sees it; ``check`` runs for watched events only.

    One per test: made at setup, reused for the call (only ``phase`` changes).
    """

    __slots__ = ("item", "phase", "rules", "runner", "size", "thread")

    def __init__(self, runner: IsolationRunner, item: pytest.Item, size: TestSize, rules: Rules) -> None:
        self.runner = runner
        self.item = item
        self.size = size
        self.rules = rules
        self.phase = "setup"
        self.thread = threading.get_ident()

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
        self.bugs: list[str] = []
        self.recorded = 0  # violations recorded so far: a phase that changed it needs settling
        self._item: pytest.Item | None = None
        self._scope: PhaseScope | None = None

    # -- recording (called from the audit hook, inside the busy guard) --------------------------

    def record(self, scope: PhaseScope, finding: Finding, thread: int) -> Violation:
        code, what = finding
        if thread != scope.thread:
            what = f"{what} (in thread {threading.current_thread().name})"
        item = scope.item
        log = item.stash.get(_LOG_KEY, None)
        if log is None:
            log = item.stash[_LOG_KEY] = _Log()
        key = (scope.phase, code, what)
        known = log.seen.get(key)
        if known is not None:  # the same attempt again (a retry loop): one record is enough
            return known
        violation = Violation(code, item.nodeid, scope.size, what, how_to_fix(code, scope.size))
        log.seen[key] = violation
        log.entries.append((scope.phase, violation))
        self.recorded += 1
        try:
            report_violation(item, violation)
        except Exception as bug:
            self.bugs.append(f"{item.nodeid}: a listener of the violation failed: {bug!r}")
        return violation

    # -- gating the phases ----------------------------------------------------------------------

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Any:
        return (yield from self._gated(item, "setup"))

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Any:
        return (yield from self._gated(item, "call"))

    def _gated(self, item: pytest.Item, phase: str) -> Generator[None, Any, Any]:
        """Run ``phase`` of ``item`` under its size's rules, then settle what it recorded."""
        depth = self._enter(item, phase)
        if not depth:
            return (yield)
        recorded = self.recorded
        try:
            result = yield
        except BaseException as raised:
            self.gate.leave(depth)
            if self.recorded != recorded:
                self._settle_raised(item, phase, raised)
            raise
        self.gate.leave(depth)
        if self.recorded != recorded:
            self._settle_passed(item, phase)
        return result

    def _enter(self, item: pytest.Item, phase: str) -> int:
        """Gate ``phase`` of ``item``; the depth to leave at, or 0 when there is nothing to leave."""
        gate = self.gate
        if item is not self._item:  # a new test: its size decides its rules, once
            self._item = item
            size = size_of(item)
            rules = rules_for(size)
            self._scope = PhaseScope(self, item, size, rules) if size is not None and rules else None
        scope = self._scope
        if scope is None:
            # nothing to check, unless nested in a gated test (an in-process pytest run):
            # then this test's size decides, and it allows everything
            return gate.enter(NO_RULES, None) if gate.rules else 0
        scope.phase = phase
        return gate.enter(scope.rules, scope)

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest) -> Any:
        gate = self.gate
        scope = gate.scope
        if (
            not gate.rules
            or fixturedef.scope == "function"
            or not isinstance(scope, PhaseScope)
            or scope.runner is not self
        ):
            return (yield)
        depth = gate.enter(NO_RULES, None)  # shared fixtures are not the running test's doing
        try:
            return (yield)
        finally:
            gate.leave(depth)

    def _settle(self, item: pytest.Item, phase: str, raised: BaseException | None) -> BaseException | None:
        """In strict mode, make sure every violation of the phase shows and fails the test.

        Returns the exception to raise instead of ``raised`` (None: keep the outcome as it is).
        """
        if not self.strict:
            return None
        log = item.stash.get(_LOG_KEY, None)
        if log is None:
            return None
        carried = raised.violation if isinstance(raised, IsolationViolationError) else None
        unseen = [v for when, v in log.entries if when == phase and v is not carried]
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

    def _settle_raised(self, item: pytest.Item, phase: str, raised: BaseException) -> None:
        replacement = self._settle(item, phase, raised)
        if replacement is not None:
            raise replacement from raised

    def _settle_passed(self, item: pytest.Item, phase: str) -> None:
        replacement = self._settle(item, phase, None)
        if replacement is not None:
            raise replacement

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.bugs:
            terminalreporter.section("test categories: isolation plugin errors", red=True)
            for line in self.bugs:
                terminalreporter.line(line)
            terminalreporter.line("The operations above were allowed. Please report this as a bug.")
