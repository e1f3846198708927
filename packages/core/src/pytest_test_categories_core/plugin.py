"""The core's own plugin: registers the family's hook and the shared time-limit setting."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import hookspecs
from pytest_test_categories_core.attempts import RERUN_PLUGIN, RESET_NAME, RerunReset
from pytest_test_categories_core.earlier_plugin import refuse_the_earlier_plugins_name
from pytest_test_categories_core.limits import register_time_limits, resolve_time_limits
from pytest_test_categories_core.loading import register_once


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser: pytest.Parser) -> None:
    register_time_limits(parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    refuse_the_earlier_plugins_name(config.pluginmanager)
    resolve_time_limits(config)


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    pluginmanager = session.config.pluginmanager
    if pluginmanager.has_plugin(RERUN_PLUGIN):
        register_once(pluginmanager, RESET_NAME, RerunReset)
