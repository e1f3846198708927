"""Loading the family's plugins: one part loads what it needs, or the run stops naming what is blocked."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

import pytest

PLUGIN_NAME = "test_categories_core"


def ensure_registered(
    pluginmanager: pytest.PytestPluginManager,
    name: str = PLUGIN_NAME,
    module: str = "pytest_test_categories_core.plugin",
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
