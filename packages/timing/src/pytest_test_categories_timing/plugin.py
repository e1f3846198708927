"""pytest hooks of the timing plugin: the setting, and the enforcer when timing is on."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import Enforcement
from pytest_test_categories_core.plugin import ensure_markers, ensure_registered
from pytest_test_categories_timing.enforcer import ENFORCER_NAME, Enforcer
from pytest_test_categories_timing.last_resort import CRASH_MESSAGE_NAME, CrashMessage
from pytest_test_categories_timing.leftover_threads import PLUGIN_NAME as LEFTOVERS_NAME
from pytest_test_categories_timing.settings import TIMING
from pytest_test_categories_timing.trio_tests import PLUGIN_NAME as TRIO_TESTS_NAME
from pytest_test_categories_timing.trio_tests import TrioTests, trio_plugin_loaded

PLUGIN_NAME = "test_categories_timing"


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    ensure_registered(pluginmanager)
    ensure_markers(pluginmanager, needed_by=PLUGIN_NAME)


def pytest_addoption(parser: pytest.Parser) -> None:
    TIMING.register(parser)


def pytest_configure(config: pytest.Config) -> None:
    mode = TIMING.resolve(config)
    if mode is not Enforcement.OFF:
        enforcer = Enforcer(config, mode)
        config.pluginmanager.register(enforcer, ENFORCER_NAME)
        config.pluginmanager.register(enforcer.leftovers, LEFTOVERS_NAME)
        if trio_plugin_loaded(config.pluginmanager):
            config.pluginmanager.register(TrioTests(lambda: enforcer.current), TRIO_TESTS_NAME)
        if not hasattr(config, "workerinput"):  # its one hook is pytest-xdist's controller's
            config.pluginmanager.register(CrashMessage(), CRASH_MESSAGE_NAME)


def pytest_unconfigure(config: pytest.Config) -> None:
    enforcer = config.pluginmanager.get_plugin(ENFORCER_NAME)
    if enforcer is not None:
        config.pluginmanager.unregister(enforcer)
