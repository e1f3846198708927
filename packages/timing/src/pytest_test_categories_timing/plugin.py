"""pytest hooks of the timing plugin: the setting, and the enforcer when timing is on."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import Enforcement
from pytest_test_categories_core.plugin import ensure_markers, ensure_registered
from pytest_test_categories_timing.enforcer import ENFORCER_NAME, Enforcer
from pytest_test_categories_timing.settings import TIMING

PLUGIN_NAME = "test_categories_timing"


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    ensure_registered(pluginmanager)
    ensure_markers(pluginmanager, needed_by=PLUGIN_NAME)


def pytest_addoption(parser: pytest.Parser) -> None:
    TIMING.register(parser)


def pytest_configure(config: pytest.Config) -> None:
    mode = TIMING.resolve(config)
    if mode is not Enforcement.OFF:
        config.pluginmanager.register(Enforcer(config, mode), ENFORCER_NAME)


def pytest_unconfigure(config: pytest.Config) -> None:
    enforcer = config.pluginmanager.get_plugin(ENFORCER_NAME)
    if enforcer is not None:
        config.pluginmanager.unregister(enforcer)
