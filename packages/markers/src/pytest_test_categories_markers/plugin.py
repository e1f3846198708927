"""pytest hooks of the markers plugin: register, resolve, validate, select and count sizes."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import ensure_registered, register_once
from pytest_test_categories_markers import settings as marker_settings
from pytest_test_categories_markers import unsized as unsized_policy
from pytest_test_categories_markers.collection import count_line, size_collected
from pytest_test_categories_markers.crashed import PLUGIN_NAME as CRASHED_NAME
from pytest_test_categories_markers.crashed import CrashedTestProperties
from pytest_test_categories_markers.marker_help import add_marker_lines
from pytest_test_categories_markers.settings import SETTINGS_KEY, UnsizedPolicy
from pytest_test_categories_markers.unsized import UnsizedTestsWarning

__all__ = ["UnsizedTestsWarning"]  # its home was this module; the package re-exports it


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    ensure_registered(pluginmanager)


def pytest_addoption(parser: pytest.Parser) -> None:
    marker_settings.register(parser)


def pytest_configure(config: pytest.Config) -> None:
    add_marker_lines(config)
    marker_settings.resolve(config)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    size_collected(config, items)


def pytest_sessionstart(session: pytest.Session) -> None:
    pluginmanager = session.config.pluginmanager
    if pluginmanager.has_plugin("dsession"):  # the pytest-xdist controller
        register_once(pluginmanager, CRASHED_NAME, lambda: CrashedTestProperties(session.config))
        if session.config.stash[SETTINGS_KEY].unsized is UnsizedPolicy.NOTICE:
            register_once(pluginmanager, unsized_policy.NOTICE_NAME, unsized_policy.UnsizedNotice)


def pytest_report_collectionfinish(config: pytest.Config) -> list[str]:
    return count_line(config)
