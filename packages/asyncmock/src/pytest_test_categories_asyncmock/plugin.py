"""pytest hooks of the asyncmock plugin: markers and marker-activated fixtures (PYTEST_DONT_REWRITE).

Nothing here runs per test: the per-test check of ``mock_api`` is registered on its first use
(see ``mock_api_outcome``), virtual time is switched on by its fixture, for its own test only,
through a layer of core's pipeline (see ``virtual_clock``), and markers are looked at once, at
collection. No other plugin comes with this one.
"""

from __future__ import annotations

import pytest

from pytest_test_categories_asyncmock.fixtures import async_mocker, mock_api, virtual_time
from pytest_test_categories_asyncmock.marker_fixtures import wire_markers_and_imports
from pytest_test_categories_asyncmock.marks import MARKER_LINES
from pytest_test_categories_core import ensure_registered

PLUGIN_NAME = "test_categories_asyncmock"

__all__ = [
    "PLUGIN_NAME",
    "async_mocker",
    "mock_api",
    "pytest_addhooks",
    "pytest_collection_modifyitems",
    "pytest_configure",
    "virtual_time",
]


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    ensure_registered(pluginmanager)


def pytest_configure(config: pytest.Config) -> None:
    for line in MARKER_LINES:
        config.addinivalue_line("markers", line)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    wire_markers_and_imports(items)
