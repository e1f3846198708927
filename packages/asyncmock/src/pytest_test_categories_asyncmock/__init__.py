"""Fixtures for hermetic async tests: ``mock_api`` (respx), ``async_mocker`` (AsyncMock), ``virtual_time``.

Three ways to load them:

- installed, with plugin autoload on: nothing to do (entry point ``test_categories_asyncmock``);
- ``pytest_plugins = ["pytest_test_categories_asyncmock"]`` in a conftest: the whole plugin;
- ``from pytest_test_categories_asyncmock import mock_api, async_mocker, virtual_time`` in a
  conftest: the fixtures alone (their markers are then not registered).
"""

from __future__ import annotations

import pytest

from pytest_test_categories_asyncmock.clock import VirtualClock
from pytest_test_categories_asyncmock.fixtures import async_mocker, mock_api, virtual_time
from pytest_test_categories_asyncmock.marks import ApiSettings
from pytest_test_categories_asyncmock.mocks import AsyncContextManagerMock, AsyncIteratorMock, AsyncMocker
from pytest_test_categories_asyncmock.routing import ApiRouter, UnmockedRequestError

__all__ = [
    "ApiRouter",
    "ApiSettings",
    "AsyncContextManagerMock",
    "AsyncIteratorMock",
    "AsyncMocker",
    "UnmockedRequestError",
    "VirtualClock",
    "async_mocker",
    "mock_api",
    "virtual_time",
]


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    """Registered as a plugin itself (``pytest_plugins``, ``-p``): bring in the real plugin module,
    under its entry-point name so that it is never registered twice."""
    from pytest_test_categories_asyncmock import plugin

    if not (
        pluginmanager.is_registered(plugin)
        or pluginmanager.has_plugin(plugin.PLUGIN_NAME)
        or pluginmanager.is_blocked(plugin.PLUGIN_NAME)
    ):
        pluginmanager.register(plugin, plugin.PLUGIN_NAME)
