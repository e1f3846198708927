"""Observing each test through the isolation plugin's audit hook, blocking nothing.

The gate of ``pytest_test_categories_isolation`` is entered with the small size's rules for every
test, whatever its size: whatever a small test may not do is seen. The scope installed with them
records instead of raising, and asks the medium rules whether a medium test could do it too; if
not, only large will do. Gated as isolation gates: the test's function-scoped fixtures (set-up and
their teardown) and its body; shared fixtures and other plugins' hooks are not the test's doing.
The time observed is the wall time of those same stretches, what the timing plugin limits.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from pytest_test_categories_core import SIZE_MARKERS, TestSize, size_of
from pytest_test_categories_isolation import (
    MEDIUM_RULES,
    NO_RULES,
    SMALL_RULES,
    Gate,
    ReadablePaths,
    Rule,
    gated,
)
from pytest_test_categories_markers import SETTINGS_KEY, UnsizedPolicy
from pytest_test_categories_sizing.compat import UNITTEST_ITEM as _UNITTEST_ITEM
from pytest_test_categories_sizing.model import OBSERVATION_PROPERTY, Evidence, Observation
from pytest_test_categories_sizing.user_code import user_code_location

# The medium rule judging the same events as each small rule (one small rule may serve several).
_MEDIUM_FOR: dict[Rule, Rule] = {SMALL_RULES[event]: rule for event, rule in MEDIUM_RULES.items()}


class ObservedTest:
    """The running test as the gate sees it while observed: ``check`` records, never raises."""

    __slots__ = (
        "found",
        "level",
        "observation",
        "observer",
        "phase",
        "started",
        "teardown_depth",
        "test_file",
    )

    def __init__(self, observer: Observer, observation: Observation, test_file: str) -> None:
        self.observer = observer
        self.test_file = test_file
        self.observation = observation
        self.phase = "setup"
        self.found: dict[tuple[str, TestSize], Evidence] = {}
        self.level = 0
        self.started = 0.0
        self.teardown_depth = 0

    def check(self, rule: Rule, args: tuple[Any, ...]) -> None:
        busy = self.observer.gate.busy
        thread = threading.get_ident()
        if thread in busy:  # an event raised while we judge one (a name lookup of our own, ...)
            return
        busy.add(thread)
        try:
            finding = rule(args, self.observer.readable)
            if finding is None:
                return
            medium = _MEDIUM_FOR.get(rule)
            needs = (
                TestSize.LARGE
                if medium is not None and medium(args, self.observer.readable)
                else TestSize.MEDIUM
            )
            code, what = finding
            key = (code, needs)
            if key not in self.found:
                where = user_code_location(self.observer.root, self.test_file)
                self.found[key] = Evidence(code, what, where, self.phase, needs)
        except Exception as bug:  # never let our own bug break the operation or the session
            self.observer.bugs.append(f"{self.observation.nodeid}: observing {rule.__name__} failed: {bug!r}")
        finally:
            busy.discard(thread)


class Observer:
    """The per-session plugin registered when ``--test-size-suggest`` is given."""

    def __init__(self, config: pytest.Config, gate: Gate) -> None:
        self.gate = gate
        self.root = config.rootpath.resolve()
        self.readable = ReadablePaths(config.rootpath)
        self.bugs: list[str] = []
        self._item: pytest.Item | None = None
        self._test: ObservedTest | None = None

    def _observed(self, item: pytest.Item) -> ObservedTest:
        if item is not self._item or self._test is None:
            self._item = item
            self._test = ObservedTest(self, _observation_of(item, self.root), str(item.path))
        return self._test

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, config: pytest.Config) -> None:
        """Unsized tests run while observing, whatever ``test_categories_unsized`` says: sizing
        them is the point (the markers plugin applies its policy after this hook)."""
        found = config.stash.get(SETTINGS_KEY, None)
        if found is not None and found.unsized is not UnsizedPolicy.IGNORE:
            config.stash[SETTINGS_KEY] = dataclasses.replace(found, unsized=UnsizedPolicy.IGNORE)

    # -- the Gatekeeper protocol of isolation's ``gated`` ------------------------------------------

    def open(self, test: ObservedTest) -> tuple[int, int]:
        if test.level == 0:
            test.started = time.perf_counter()
        test.level += 1
        return self.gate.enter(SMALL_RULES, test), 0

    def close(self, item: pytest.Item, depth: int, recorded: int, raised: BaseException | None) -> None:
        self.gate.leave(depth)
        test = self._test
        if test is not None and test.level > 0:
            test.level -= 1
            if test.level == 0:
                test.observation.duration += time.perf_counter() - test.started

    # -- gating the test's own code ----------------------------------------------------------------

    def layer(self, item: pytest.Item, function: Any) -> Any:
        """Sizing's layer in core's pipeline: the test's own code, observed while it runs."""
        test = self._observed(item)
        test.phase = "call"
        test.observation.ran = True
        return gated(function, self, item, test)

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest) -> Any:
        if fixturedef.scope != "function":
            active = self.gate.scope
            if not isinstance(active, ObservedTest) or active.observer is not self:
                return (yield)
            # a shared fixture set up while a test's code runs (getfixturevalue): not the test's doing
            depth = self.gate.enter(NO_RULES, None)
            try:
                return (yield)
            finally:
                self.gate.leave(depth)
        item = request.node
        test = self._observed(item)
        # The fixture's teardown runs between these two finalizers (they run last in, first out).
        request.addfinalizer(lambda: self._end_teardown(item, test))
        depth, _ = self.open(test)
        try:
            result = yield
        finally:
            self.close(item, depth, 0, None)
        request.addfinalizer(lambda: self._start_teardown(test))
        return result

    def _start_teardown(self, test: ObservedTest) -> None:
        test.phase = "teardown"
        test.teardown_depth = self.open(test)[0]

    def _end_teardown(self, item: pytest.Item, test: ObservedTest) -> None:
        depth = test.teardown_depth
        if depth:
            test.teardown_depth = 0
            self.close(item, depth, 0, None)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if call.when == "call" and report.skipped and not hasattr(report, "wasxfail"):
            self._observed(item).observation.ran = False  # skipped from its body: it says nothing
        elif call.when == "teardown":
            test = self._observed(item)
            test.observation.evidence = list(test.found.values())
            report.user_properties.append((OBSERVATION_PROPERTY, test.observation.to_json()))
            self._item = self._test = None
        return report

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.bugs:
            terminalreporter.section("test categories: sizing plugin errors", red=True)
            for line in self.bugs:
                terminalreporter.line(line)
            terminalreporter.line("The operations above were not observed. Please report this as a bug.")


def _observation_of(item: pytest.Item, root: Path) -> Observation:
    marked = next(
        (SIZE_MARKERS[mark.name] for mark in item.iter_markers() if mark.name in SIZE_MARKERS), None
    )
    cls = getattr(item, "cls", None)
    function = getattr(item, "originalname", None) if isinstance(item, pytest.Function) else None
    if isinstance(item, _UNITTEST_ITEM):
        function = item.name
    try:
        file = item.path.resolve().relative_to(root).as_posix()
    except ValueError:
        file = item.path.as_posix()
    return Observation(
        nodeid=item.nodeid,
        file=file,
        cls=cls.__qualname__ if isinstance(cls, type) else None,
        function=function,
        marked=marked,
        current=size_of(item),
    )
