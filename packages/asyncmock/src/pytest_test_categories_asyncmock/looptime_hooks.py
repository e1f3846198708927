"""What asyncmock does to looptime's pytest plugin, so that installing it costs a run nothing it does not use.

looptime's plugin wraps every fixture set-up and every test call and patches every event loop
pytest-asyncio makes, so that a test marked ``looptime`` can fast-forward its loop. Three things:

- without pytest-asyncio's plugin (``-p no:asyncio``) looptime's plugin fails every fixture
  set-up, and could do nothing anyway: it is taken out of the run at configure time;
- at every fixture set-up it asks whether the fixture is one of pytest-asyncio's loop fixtures by
  scanning that plugin's module with ``dir()``; the answer cannot change during a run, so it is
  worked out once and looptime is handed a function that answers from it (put back at the end;
  left alone if looptime's internals ever change shape);
- a run where no collected test asks for virtual time (``virtual_time`` fixture or marker,
  looptime's ``looptime`` marker or fixture, or ``--looptime``) gets nothing from its hooks, so
  once collection is over they are taken out. Fixtures were already collected and keep working;
  virtual time asked for only at run time then fails with a message saying how to ask for it.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

import pytest

ASYNCIO_PLUGIN_MODULE = "pytest_asyncio.plugin"
LOOPTIME_PLUGIN_MODULE = "looptime._internal.plugin"  # looptime's pytest11 entry point "looptime_plugin"

# Markers that mean "this test runs on looptime's clock" (the fixtures of the same names do too).
DEMANDING_MARKERS = frozenset({"virtual_time", "looptime"})

# Set when looptime's hooks were taken out of the run because no collected test needed them.
LOOPTIME_UNUSED_KEY = pytest.StashKey[bool]()
_DEMANDED_KEY = pytest.StashKey[bool]()


def registered_plugin(pluginmanager: pytest.PytestPluginManager, module_name: str) -> ModuleType | None:
    """The plugin module of that name if it is registered in this run."""
    module = sys.modules.get(module_name)
    return module if module is not None and pluginmanager.is_registered(module) else None


def switch_off_without_asyncio(config: pytest.Config) -> None:
    pluginmanager = config.pluginmanager
    looptime_plugin = registered_plugin(pluginmanager, LOOPTIME_PLUGIN_MODULE)
    if looptime_plugin is not None and registered_plugin(pluginmanager, ASYNCIO_PLUGIN_MODULE) is None:
        pluginmanager.unregister(looptime_plugin)


def cache_fixture_check(config: pytest.Config) -> None:
    looptime_plugin = registered_plugin(config.pluginmanager, LOOPTIME_PLUGIN_MODULE)
    asyncio_plugin = config.pluginmanager.getplugin("asyncio")
    if looptime_plugin is None or asyncio_plugin is None:
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


def note_demand(config: pytest.Config) -> None:
    """Some collected test needs looptime."""
    config.stash[_DEMANDED_KEY] = True


def drop_if_unused(config: pytest.Config) -> None:
    """Called when collection is finished: unregister looptime's hooks if nothing needs them."""
    if config.stash.get(_DEMANDED_KEY, False) or config.getoption("looptime", None) is True:
        return
    looptime_plugin = registered_plugin(config.pluginmanager, LOOPTIME_PLUGIN_MODULE)
    if looptime_plugin is not None:
        config.pluginmanager.unregister(looptime_plugin)
        config.stash[LOOPTIME_UNUSED_KEY] = True
