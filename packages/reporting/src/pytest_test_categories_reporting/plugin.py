"""pytest hooks of the reporting plugin: validate at start-up, record per test, report at the end."""

from __future__ import annotations

import sys
import traceback

import pytest

from pytest_test_categories_core import RERUN_PLUGIN, ensure_registered, time_limits
from pytest_test_categories_markers import ensure_markers
from pytest_test_categories_reporting import settings as report_settings
from pytest_test_categories_reporting import suite_identity
from pytest_test_categories_reporting.bars import ASCII, Glyphs, glyphs_for
from pytest_test_categories_reporting.finish import Finished, finish
from pytest_test_categories_reporting.pytesthtml import register_if_active
from pytest_test_categories_reporting.recorder import Recorder
from pytest_test_categories_reporting.settings import SETTINGS_KEY
from pytest_test_categories_reporting.terminal_summary import show, show_failure

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
        show_failure(terminalreporter, failure)
        return
    finished = config.stash.get(_FINISHED_KEY, None)
    if finished is not None:
        show(terminalreporter, finished, config.stash.get(_GLYPHS_KEY, ASCII))
