"""pytest hooks of the asyncmock plugin: markers, marker-activated fixtures, looptime's safety.

Nothing here runs per test: the per-test check of ``mock_api`` is registered on its first use
(see ``outcome``), and markers are looked at once, at collection.
"""

from __future__ import annotations

import pytest

from pytest_test_categories_asyncmock import looptime_hooks
from pytest_test_categories_asyncmock.clock import is_async_function
from pytest_test_categories_asyncmock.fixtures import async_mocker, mock_api, virtual_time
from pytest_test_categories_asyncmock.looptime_hooks import DEMANDING_MARKERS
from pytest_test_categories_asyncmock.marks import MARKER_LINES, MOCK_API, VIRTUAL_TIME
from pytest_test_categories_core.plugin import ensure_registered

PLUGIN_NAME = "test_categories_asyncmock"

__all__ = [
    "PLUGIN_NAME",
    "async_mocker",
    "mock_api",
    "pytest_addhooks",
    "pytest_collection_finish",
    "pytest_collection_modifyitems",
    "pytest_configure",
    "virtual_time",
]

# A marker turns on the fixture of the same name, so a marked test is guarded even when it does
# not ask for the fixture (routes can then be added by other fixtures that request it).
_FIXTURE_OF_MARKER = {MOCK_API: MOCK_API, VIRTUAL_TIME: VIRTUAL_TIME}


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    ensure_registered(pluginmanager)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    for line in MARKER_LINES:
        config.addinivalue_line("markers", line)
    looptime_hooks.switch_off_without_asyncio(config)
    looptime_hooks.cache_fixture_check(config)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    demanded = False
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        if not demanded and ("virtual_time" in names or "looptime" in names):
            demanded = True
        missing: list[str] = []
        for mark in item.iter_markers():
            if not demanded and mark.name in DEMANDING_MARKERS:
                demanded = True
            fixture = _FIXTURE_OF_MARKER.get(mark.name)
            if fixture is not None and fixture not in names and fixture not in missing:
                if fixture == VIRTUAL_TIME and not _asks_itself(item, mark) and not is_async_function(item):
                    # a module's or class's mark, like pytest-asyncio's own, passes over sync tests
                    continue
                missing.append(fixture)
        if missing:
            # A new list: parametrized items of one function share the original.
            item.fixturenames = [*names, *missing]  # type: ignore[attr-defined]
    if demanded:
        looptime_hooks.note_demand(config)


def _asks_itself(item: pytest.Item, mark: pytest.Mark) -> bool:
    return any(own is mark for own in getattr(item, "own_markers", ()))


def pytest_collection_finish(session: pytest.Session) -> None:
    looptime_hooks.drop_if_unused(session.config)
