"""Fixtures for hermetic async tests: ``mock_api`` (respx), ``async_mocker`` (AsyncMock), ``virtual_time``.

Three ways to load them:

- installed, with plugin autoload on: nothing to do (entry point ``test_categories_asyncmock``);
- ``pytest_plugins = ["pytest_test_categories_asyncmock"]`` in a conftest: the whole plugin;
- ``from pytest_test_categories_asyncmock import mock_api, async_mocker, virtual_time`` in a
  conftest: the fixtures alone (their markers are then not registered).

Importing this package imports no other pytest plugin, nor httpx, respx or pytest-mock: the
classes below that are built on them are imported when first named (PYTEST_DONT_REWRITE).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import pytest

from pytest_test_categories_asyncmock.fixtures import async_mocker, mock_api, virtual_time
from pytest_test_categories_asyncmock.marks import ApiSettings
from pytest_test_categories_asyncmock.virtual_clock import VirtualClock

if TYPE_CHECKING:
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

# Names whose modules import a library the fixtures build on: imported on first use.
_LAZY = {
    "ApiRouter": "routing",
    "UnmockedRequestError": "routing",
    "AsyncContextManagerMock": "mocks",
    "AsyncIteratorMock": "mocks",
    "AsyncMocker": "mocks",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


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
