"""pytest hooks of the isolation plugin: the mode, the audit hook, and the per-session runner."""

from __future__ import annotations

import tempfile

import pytest

from pytest_test_categories_core import Enforcement, add_layer, ensure_registered
from pytest_test_categories_isolation import sleep_event
from pytest_test_categories_isolation.gate import process_gate
from pytest_test_categories_isolation.runner import IsolationRunner
from pytest_test_categories_isolation.settings import ISOLATION
from pytest_test_categories_isolation.summary import WarningList
from pytest_test_categories_markers import ensure_markers

RUNNER_NAME = "test_categories_isolation_runner"
WARNINGS_NAME = "test_categories_isolation_warnings"


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    ensure_registered(pluginmanager)
    ensure_markers(pluginmanager, needed_by="test_categories_isolation")
    # As early as the plugin loads, before conftest files import the code under test (3.11 only).
    sleep_event.install()


def pytest_addoption(parser: pytest.Parser) -> None:
    ISOLATION.register(parser)


def pytest_configure(config: pytest.Config) -> None:
    mode = ISOLATION.resolve(config)
    if mode is Enforcement.OFF:
        return
    # The first call of a process writes a probe file into the temporary folder: let it happen
    # now, not in whichever test first asks for the folder's name (fd capture does it too).
    tempfile.gettempdir()
    runner = IsolationRunner(config, strict=mode is Enforcement.STRICT, gate=process_gate())
    config.pluginmanager.register(runner, RUNNER_NAME)
    add_layer(config, "isolation", runner.layer)
    if mode is Enforcement.WARN:
        config.pluginmanager.register(WarningList(), WARNINGS_NAME)
