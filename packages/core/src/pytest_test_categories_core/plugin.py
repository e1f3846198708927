"""The core's own plugin: registers the family's hook and the shared time-limit setting."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import hookspecs
from pytest_test_categories_core.attempts import RERUN_PLUGIN, RESET_NAME, RerunReset
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


EARLIER_PLUGIN_NAME = "test_categories"  # the earlier pytest-test-categories plugin (1.2.x)


def refuse_the_earlier_plugins_name(pluginmanager: pytest.PytestPluginManager) -> None:
    """``-p no:test_categories`` switched the earlier plugin off; here it would switch nothing off.

    pytest says nothing about blocking a name no plugin has, so a job that meant to run without
    size enforcement would go on enforcing: it is a usage error that names what to write instead.
    """
    if pluginmanager.is_blocked(EARLIER_PLUGIN_NAME):
        parts = ("timing", "isolation", "reporting", "asyncmock", "markers", "core")
        names = " ".join(f"-p no:test_categories_{part}" for part in parts)
        raise pytest.UsageError(
            f"-p no:{EARLIER_PLUGIN_NAME} is the earlier plugin's name and switches nothing off here: "
            "each part has its own name. Block the parts you want off, or all of them "
            f"({names}), or set a part's mode to off (for example --test-categories-timing=off)."
        )


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    pluginmanager = session.config.pluginmanager
    if pluginmanager.has_plugin(RERUN_PLUGIN):
        register_once(pluginmanager, RESET_NAME, RerunReset)
