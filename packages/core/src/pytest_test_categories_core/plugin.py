"""The core's own plugin: registers the family's hook and the shared time-limit setting."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pytest_test_categories_core import hookspecs
from pytest_test_categories_core.limits import register_time_limits, resolve_time_limits

PLUGIN_NAME = "test_categories_core"


def ensure_registered(pluginmanager: pytest.PytestPluginManager) -> None:
    """Load the core plugin if a dependent plugin is loaded without it (``-p`` with autoload off).

    It is registered under its entry-point name, so the entry point never loads it twice.
    """
    import sys

    module = sys.modules[__name__]
    if pluginmanager.is_registered(module) or pluginmanager.is_blocked(PLUGIN_NAME):
        return
    pluginmanager.register(module, PLUGIN_NAME)


def register_once(pluginmanager: pytest.PytestPluginManager, name: str, make: Callable[[], object]) -> None:
    """Register ``make()`` as the plugin ``name``, unless it is there already or blocked (``-p no:name``).

    For hooks a run needs only sometimes: registered on first need, every other run pays nothing.
    """
    if pluginmanager.get_plugin(name) is None and not pluginmanager.is_blocked(name):
        pluginmanager.register(make(), name)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser: pytest.Parser) -> None:
    register_time_limits(parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    resolve_time_limits(config)
