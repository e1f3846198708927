"""pytest hooks of the markers plugin: register, resolve, validate, select and count sizes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pytest_test_categories_core import (
    TestSize,
    ensure_registered,
    record_size,
    register_once,
    set_facts,
    size_of,
    time_limits,
)
from pytest_test_categories_markers import settings as marker_settings
from pytest_test_categories_markers import unsized as unsized_policy
from pytest_test_categories_markers.crashed import PLUGIN_NAME as CRASHED_NAME
from pytest_test_categories_markers.crashed import CrashedTestProperties
from pytest_test_categories_markers.paths import size_by_path
from pytest_test_categories_markers.resolution import resolve_markers
from pytest_test_categories_markers.selection import selects
from pytest_test_categories_markers.settings import SETTINGS_KEY, UnsizedPolicy
from pytest_test_categories_markers.unsized import UnsizedTestsWarning

__all__ = ["UnsizedTestsWarning"]  # its home was this module; the package re-exports it

MARKER_HELP = {
    TestSize.SMALL: "one process, no network, no subprocess, no filesystem, no sleep; under 1 s by default",
    TestSize.MEDIUM: "one machine, network to localhost only; under 300 s by default",
    TestSize.LARGE: "anything, including other machines; under 900 s by default",
    TestSize.XLARGE: "anything, including other machines; under 900 s by default",
}

_PROBLEM_KEY = pytest.StashKey[str]()
_COUNTS_KEY = pytest.StashKey["Counter[TestSize | None]"]()


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    ensure_registered(pluginmanager)


def pytest_addoption(parser: pytest.Parser) -> None:
    marker_settings.register(parser)


def pytest_configure(config: pytest.Config) -> None:
    for size, text in MARKER_HELP.items():
        config.addinivalue_line(
            "markers",
            f"{size.value}(timeout=None): {size.value} test: {text}; "
            "timeout= sets a stricter budget in seconds",
        )
    marker_settings.resolve(config)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    settings = config.stash[SETTINGS_KEY]
    limits = time_limits(config)
    by_file: dict[Path, TestSize | None] = {}
    kept: list[pytest.Item] = []
    deselected: list[pytest.Item] = []
    unsized: list[pytest.Item] = []
    selected_sizes = settings.selected_sizes
    problems = False
    for item in items:
        resolution = resolve_markers(item, limits)
        size = resolution.size
        problem = resolution.problem
        if not resolution.marked:
            if settings.path_rules:
                if item.path not in by_file:
                    by_file[item.path] = size_by_path(settings.path_rules, _relative(item.path, config))
                size = by_file[item.path]
            if size is None:
                size = settings.default_size
        set_facts(item, size, resolution.budget)
        if selected_sizes is not None and not selects(selected_sizes, size, resolution.conflict):
            deselected.append(item)
            continue
        if problem is not None:
            item.stash[_PROBLEM_KEY] = f"{item.nodeid}: {problem}"
            problems = True
        elif size is None:
            unsized.append(item)
        record_size(item, size)  # nothing for an unsized test
        kept.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
    if unsized:
        problems = _handle_unsized(config, settings.unsized, unsized) or problems
    if problems:
        register_once(config.pluginmanager, _GUARD_NAME, _SetupGuard)
    config.stash[_COUNTS_KEY] = Counter(size_of(item) for item in kept)


def _relative(path: Path, config: pytest.Config) -> str:
    try:
        return path.relative_to(config.rootpath).as_posix()
    except ValueError:
        return path.as_posix()


def _handle_unsized(config: pytest.Config, policy: UnsizedPolicy, unsized: list[pytest.Item]) -> bool:
    """Apply the unsized policy; True when some tests must now fail at set-up."""
    nodeids = [item.nodeid for item in unsized]
    if policy is UnsizedPolicy.NOTICE:
        unsized_policy.notice(config, nodeids)
    elif policy is UnsizedPolicy.WARN and unsized_policy.warn(config, nodeids):
        return _fail_unsized(
            unsized, "test_categories_unsized = warn is set, and warnings are errors in this run"
        )
    elif policy is UnsizedPolicy.ERROR:
        return _fail_unsized(unsized, "test_categories_unsized = error is set")
    return False


def _fail_unsized(unsized: list[pytest.Item], because: str) -> bool:
    for item in unsized:
        item.stash[_PROBLEM_KEY] = (
            f"{item.nodeid} has no size. Mark it (@pytest.mark.small, medium, large or xlarge), "
            "or give unmarked tests one with test_categories_default_size or "
            f"test_categories_size_paths ({because})."
        )
    return True


def pytest_sessionstart(session: pytest.Session) -> None:
    pluginmanager = session.config.pluginmanager
    if pluginmanager.has_plugin("dsession"):  # the pytest-xdist controller
        register_once(pluginmanager, CRASHED_NAME, lambda: CrashedTestProperties(session.config))
        if session.config.stash[SETTINGS_KEY].unsized is UnsizedPolicy.NOTICE:
            register_once(pluginmanager, unsized_policy.NOTICE_NAME, unsized_policy.UnsizedNotice)


class _SetupGuard:
    """Fails, at set-up, the tests whose size could not be resolved.

    Registered only in runs that have such a test, so the others pay nothing per test for it.
    """

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        problem = item.stash.get(_PROBLEM_KEY, None)
        if problem is not None:
            pytest.fail(problem, pytrace=False)


_GUARD_NAME = "test_categories_markers_setup_guard"


def pytest_report_collectionfinish(config: pytest.Config) -> list[str]:
    counts = config.stash.get(_COUNTS_KEY, None)
    if counts is None:
        return []
    parts = [f"{size.value} {counts.get(size, 0)}" for size in TestSize]
    parts.append(f"unsized {counts.get(None, 0)}")
    return ["test sizes: " + ", ".join(parts)]
