"""Where observations meet: read from teardown reports, turned into suggestions, written and shown.

Runs in the process that sees every report: the only one serially, pytest-xdist's controller
in a distributed run (workers observe, their reports carry the observations here).
"""

from __future__ import annotations

import pytest

from pytest_test_categories_core import TestSize, time_limits
from pytest_test_categories_sizing.document import to_document, write_document
from pytest_test_categories_sizing.model import OBSERVATION_PROPERTY, Observation
from pytest_test_categories_sizing.settings import SizingSettings
from pytest_test_categories_sizing.suggest import Change, Suggestion, suggest, top_reasons

_INTERRUPTED = (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR)


class SuggestionWriter:
    """Gathers the observations of the run and writes the suggestion file at its end."""

    def __init__(self, config: pytest.Config, settings: SizingSettings) -> None:
        self.config = config
        self.settings = settings
        self.observations: dict[str, Observation] = {}
        self.suggestions: list[Suggestion] | None = None
        self.problem: str | None = None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "teardown":
            return
        for name, value in report.user_properties:
            if name == OBSERVATION_PROPERTY and isinstance(value, str):
                observation = Observation.from_json(value)
                self.observations[observation.nodeid] = observation  # a rerun replaces the earlier try

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        limits = time_limits(self.config)
        margin = self.settings.margin
        self.suggestions = suggest(self.observations.values(), limits, margin)
        partial = exitstatus in _INTERRUPTED or bool(session.shouldstop) or bool(session.shouldfail)
        document = to_document(
            self.suggestions,
            self.observations.values(),
            root=self.config.rootpath,
            limits=limits,
            margin=margin,
            partial=partial,
        )
        try:
            write_document(self.settings.path, document)
        except OSError as error:
            self.problem = f"could not write {self.settings.path}: {error.strerror or error}"

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        suggestions = self.suggestions
        if suggestions is None:
            return
        write = terminalreporter.line
        terminalreporter.section("test categories: size suggestions", sep="=")
        tests = dict.fromkeys(TestSize, 0)
        for suggestion in suggestions:
            for _, size in suggestion.cases:
                tests[size] += 1
        not_observed = sum(1 for o in self.observations.values() if not o.ran or o.function is None)
        counts = ", ".join(f"{size.value} {count}" for size, count in tests.items())
        skipped = (
            f" ({not_observed} not observed: skipped, or failed before their body ran)"
            if not_observed
            else ""
        )
        write(
            f"{sum(tests.values())} test(s) in {len(suggestions)} function(s) observed; "
            f"suggested sizes: {counts}{skipped}"
        )
        added = [s for s in suggestions if s.change is Change.ADD]
        resized = [s for s in suggestions if s.change is Change.RESIZE]
        write(f"markers to add: {len(added)}; existing markers to change: {len(resized)}")
        for suggestion in resized:
            write(f"  {suggestion.name}: {suggestion.verdict()}")
        reasons = top_reasons(suggestions)
        if reasons:
            write("top reasons: " + ", ".join(f"{kind} ({count})" for kind, count in reasons))
        if terminalreporter.config.getoption("verbose") > 0:
            for suggestion in suggestions:
                if suggestion.change is Change.ADD:
                    write(f"  {suggestion.name} → {suggestion.size.value}: {suggestion.verdict()}")
        if self.problem is not None:
            terminalreporter.line(f"test categories: {self.problem}", red=True)
            return
        path = self.settings.path
        write(f"suggestions written to {path}")
        write(f"see the changes: pytest-test-categories apply --dry-run {path}")
        write(f"write them:      pytest-test-categories apply {path}")
