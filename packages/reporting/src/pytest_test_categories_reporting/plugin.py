"""pytest hooks of the reporting plugin: validate at start-up, record per test, report at the end."""

from __future__ import annotations

import sys
import traceback

import pytest

from pytest_test_categories_core import (
    RERUN_PLUGIN,
    Enforcement,
    ensure_registered,
    render_violation,
    time_limits,
)
from pytest_test_categories_markers import ensure_markers
from pytest_test_categories_reporting import settings as report_settings
from pytest_test_categories_reporting import suite_identity
from pytest_test_categories_reporting.bars import ASCII, Glyphs, glyphs_for
from pytest_test_categories_reporting.finish import Finished, finish
from pytest_test_categories_reporting.pytesthtml import register_if_active
from pytest_test_categories_reporting.recorder import Recorder
from pytest_test_categories_reporting.settings import SETTINGS_KEY, ReportFormat
from pytest_test_categories_reporting.text import distribution_line, render_sections

RECORDER_NAME = "test_categories_reporting_recorder"

_RECORDER_KEY = pytest.StashKey[Recorder]()
_FINISHED_KEY = pytest.StashKey[Finished]()
_FAILURE_KEY = pytest.StashKey[str]()
_GLYPHS_KEY = pytest.StashKey[Glyphs]()


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    ensure_registered(pluginmanager)
    ensure_markers(pluginmanager, needed_by="test_categories_reporting")


def pytest_addoption(parser: pytest.Parser) -> None:
    report_settings.register(parser)
    suite_identity.register(parser)


def pytest_configure(config: pytest.Config) -> None:
    worker = hasattr(config, "workerinput")
    settings = report_settings.resolve(config, check_paths=not worker)
    suite_identity.resolve_suite(config)
    if worker or not settings.active or config.option.collectonly:
        return
    # The stream pytest's terminal reporter writes to is sys.stdout as it is now.
    config.stash[_GLYPHS_KEY] = glyphs_for(getattr(sys.stdout, "encoding", None))
    recorder = Recorder(time_limits(config), reruns=config.pluginmanager.has_plugin(RERUN_PLUGIN))
    config.stash[_RECORDER_KEY] = recorder
    config.pluginmanager.register(recorder, RECORDER_NAME)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    # pytest-html has registered its report by now (in its pytest_configure), and asks for its
    # table's columns in its own pytest_sessionstart, which runs last.
    register_if_active(session.config)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    recorder = config.stash.get(_RECORDER_KEY, None)
    if recorder is None:
        return
    try:
        config.stash[_FINISHED_KEY] = finish(recorder, config.stash[SETTINGS_KEY], session)
    except Exception:
        # A bug of ours must not hide the run's own result behind an INTERNALERROR.
        config.stash[_FAILURE_KEY] = traceback.format_exc()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    failure = config.stash.get(_FAILURE_KEY, None)
    if failure is not None:
        terminalreporter.write_sep("=", "test size report failed", red=True)
        terminalreporter.write_line("pytest-test-categories-reporting could not build its report:")
        terminalreporter.write_line(failure.rstrip())
        return
    finished = config.stash.get(_FINISHED_KEY, None)
    if finished is not None:
        show(terminalreporter, finished, config.stash.get(_GLYPHS_KEY, ASCII))


def show(terminal: pytest.TerminalReporter, finished: Finished, glyphs: Glyphs) -> None:
    shown = finished.settings.in_terminal
    if shown is not None:
        terminal.write_sep("=", f"test size report ({shown.report_format.value})")
        detailed = shown.report_format is ReportFormat.DETAILED
        for section in render_sections(finished.report, detailed=detailed, glyphs=glyphs):
            terminal.write_sep("-", section.title)
            for line in section.lines:
                terminal.write_line(line)
    for report_format, text in finished.printed:
        terminal.write_sep("=", f"test size report ({report_format.value})")
        terminal.write(text)
    for note in finished.notes:
        terminal.write_line(note)
    for problem in finished.problems:
        terminal.write_line(f"ERROR: {problem}", red=True, bold=True)
    show_distribution(terminal, finished)


def show_distribution(terminal: pytest.TerminalReporter, finished: Finished) -> None:
    distribution = finished.report.distribution
    if distribution.mode is Enforcement.OFF:
        return
    violation = finished.distribution_violation
    if violation is None:
        # The basic and detailed pyramids end with this line already.
        if finished.settings.in_terminal is None:
            terminal.write_line(distribution_line(distribution))
        return
    strict = distribution.mode is Enforcement.STRICT
    terminal.write_sep("=", "TC007 test distribution", red=strict, yellow=not strict)
    terminal.write_line(render_violation(violation))
    if strict:
        terminal.write_line("distribution check is strict: the run fails", red=True, bold=True)
    else:
        terminal.write_line("distribution check is warn: reported, the run does not fail on it")
