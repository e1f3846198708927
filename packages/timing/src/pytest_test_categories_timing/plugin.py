"""pytest hooks of the timing plugin: the setting, and the enforcer when timing is on."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import Enforcement, add_layer, ensure_registered, remove_layer
from pytest_test_categories_markers import ensure_markers
from pytest_test_categories_timing.enforcer import ENFORCER_NAME, Enforcer
from pytest_test_categories_timing.fixture_limit import register_fixture_limit, resolve_fixture_limit
from pytest_test_categories_timing.fixture_watch import FIXTURE_WATCH_NAME, FixtureWatch
from pytest_test_categories_timing.last_resort import CRASH_MESSAGE_NAME, CrashMessage
from pytest_test_categories_timing.leftover_threads import PLUGIN_NAME as LEFTOVERS_NAME
from pytest_test_categories_timing.settings import TIMING
from pytest_test_categories_timing.watch_layer import watch_layer

PLUGIN_NAME = "test_categories_timing"


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    ensure_registered(pluginmanager)
    ensure_markers(pluginmanager, needed_by=PLUGIN_NAME)


def pytest_addoption(parser: pytest.Parser) -> None:
    TIMING.register(parser)
    register_fixture_limit(parser)


def pytest_configure(config: pytest.Config) -> None:
    mode = TIMING.resolve(config)
    fixture_limit = resolve_fixture_limit(config)
    if mode is not Enforcement.OFF:
        enforcer = Enforcer(config, mode)
        config.pluginmanager.register(enforcer, ENFORCER_NAME)
        enforcer.fixture_watch = FixtureWatch(enforcer, fixture_limit)
        config.pluginmanager.register(enforcer.fixture_watch, FIXTURE_WATCH_NAME)
        config.pluginmanager.register(enforcer.leftovers, LEFTOVERS_NAME)
        add_layer(config, "timing", watch_layer(enforcer))
        if not hasattr(config, "workerinput"):  # its one hook is pytest-xdist's controller's
            config.pluginmanager.register(CrashMessage(), CRASH_MESSAGE_NAME)


def pytest_unconfigure(config: pytest.Config) -> None:
    remove_layer(config, "timing")
    for name in (FIXTURE_WATCH_NAME, ENFORCER_NAME):
        plugin = config.pluginmanager.get_plugin(name)
        if plugin is not None:
            config.pluginmanager.unregister(plugin)
