"""Make looptime's per-fixture check cheap.

At every fixture set-up of every test, looptime's plugin asks whether the fixture is one of
pytest-asyncio's event-loop fixtures, by scanning pytest-asyncio's plugin module with ``dir()``
and type-checking each name: tens of microseconds, paid by every test of every suite that has
the bundle installed. The answer cannot change during a run, so we work it out once at configure
time and hand looptime a function that answers from that set, with the same result. The original
is put back when the run ends. If looptime's internals ever change shape, we leave them alone.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from pytest_test_categories_asyncmock.clock import LOOPTIME_PLUGIN_MODULE


def cache_looptime_fixture_check(config: pytest.Config) -> None:
    looptime_plugin = sys.modules.get(LOOPTIME_PLUGIN_MODULE)
    asyncio_plugin = config.pluginmanager.getplugin("asyncio")
    if looptime_plugin is None or asyncio_plugin is None:
        return
    if not config.pluginmanager.is_registered(looptime_plugin):
        return
    original = getattr(looptime_plugin, "_should_patch", None)
    is_fixture = getattr(looptime_plugin, "_is_fixture", None)
    if not callable(original) or not callable(is_fixture):
        return
    fixture_names = frozenset(
        name for name in dir(asyncio_plugin) if is_fixture(getattr(asyncio_plugin, name))
    )
    asyncio_module = asyncio_plugin.__name__

    def should_patch(fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest) -> bool:
        return fixturedef.func.__module__ == asyncio_module or fixturedef.argname in fixture_names

    should_patch.__wrapped__ = original  # type: ignore[attr-defined]
    setattr(looptime_plugin, "_should_patch", should_patch)  # noqa: B010 - a module's private name
    config.add_cleanup(lambda: setattr(looptime_plugin, "_should_patch", original))
