"""The core's own plugin: registers the family's hook and the shared time-limit setting."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

import pytest

from pytest_test_categories_core import hookspecs
from pytest_test_categories_core.attempts import RERUN_PLUGIN, RESET_NAME, RerunReset
from pytest_test_categories_core.limits import register_time_limits, resolve_time_limits

PLUGIN_NAME = "test_categories_core"


def ensure_registered(
    pluginmanager: pytest.PytestPluginManager,
    name: str = PLUGIN_NAME,
    module: str = __name__,
    needed_by: str | None = None,
) -> None:
    """Load a plugin a dependent plugin needs, if it is not loaded yet (``-p`` with autoload off).

    It is registered under its entry-point name, so the entry point never loads it twice. If the
    user blocked it (``-p no:name``), the run stops at configure time with a usage error naming
    it and ``needed_by`` (default: every plugin of this family that is on), rather than with an
    internal error when the dependent plugin reaches for it.
    """
    if pluginmanager.is_blocked(name):
        guard = pluginmanager.get_plugin(_BLOCKED_NAME)
        if guard is None:
            guard = BlockedDependencies()
            pluginmanager.register(guard, _BLOCKED_NAME)
        guard.needs.setdefault(name, set())
        if needed_by is not None:
            guard.needs[name].add(needed_by)
        return
    plugin = importlib.import_module(module)
    if not pluginmanager.is_registered(plugin):
        pluginmanager.register(plugin, name)


def ensure_markers(pluginmanager: pytest.PytestPluginManager, needed_by: str) -> None:
    """Load the markers plugin for a part that reads the sizes and budgets it resolves.

    Without it, sizes would come from the closest marker unchecked (a bad or too-large budget
    taken as it is), the size markers would be unregistered, and there would be no path rules
    or default size: every part that reads sizes needs it, as its package declares.
    """
    module = "pytest_test_categories_markers.plugin"
    ensure_registered(pluginmanager, MARKERS_NAME, module, needed_by=needed_by)


MARKERS_NAME = "test_categories_markers"
_BLOCKED_NAME = "test_categories_blocked_dependencies"


class BlockedDependencies:
    """Stops the run when a plugin of this family is blocked while plugins that need it are on."""

    def __init__(self) -> None:
        self.needs: dict[str, set[str]] = {}  # blocked plugin -> who needs it (empty: the family)

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        family = sorted(
            {
                "test_categories_" + plugin.__name__.split(".")[0].removeprefix("pytest_test_categories_")
                for plugin in config.pluginmanager.get_plugins()
                if isinstance(plugin, ModuleType)
                and plugin.__name__.startswith("pytest_test_categories_")
                and plugin.__name__.endswith(".plugin")
            }
        )
        problems = []
        for blocked, named in sorted(self.needs.items()):
            users = sorted(named) or family
            them = "that plugin" if len(users) == 1 else "those plugins"
            problems.append(
                f"{blocked} is blocked (-p no:{blocked}), but {', '.join(users)} "
                f"{'needs' if len(users) == 1 else 'need'} it: unblock it, or block {them} too "
                f"({' '.join(f'-p no:{user}' for user in users)})"
            )
        raise pytest.UsageError("; ".join(problems) + ".")


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
