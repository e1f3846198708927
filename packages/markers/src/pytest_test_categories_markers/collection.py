"""Sizing the collected tests: each item's size and budget resolved once, selection, the count."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pytest_test_categories_core import TestSize, record_budget, record_size, set_facts, size_of, time_limits
from pytest_test_categories_markers import unsized as unsized_policy
from pytest_test_categories_markers.paths import size_by_path
from pytest_test_categories_markers.resolution import resolve_markers
from pytest_test_categories_markers.selection import selects
from pytest_test_categories_markers.settings import SETTINGS_KEY
from pytest_test_categories_markers.setup_guard import fail_at_setup, guard

_COUNTS_KEY = pytest.StashKey["Counter[TestSize | None]"]()


def size_collected(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Resolve every item's size and budget (recorded on its reports), deselect by size, and
    make the tests that cannot run as they are fail at set-up."""
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
            fail_at_setup(item, f"{item.nodeid}: {problem}")
            problems = True
        elif size is None:
            unsized.append(item)
        # Both ride on the reports (what pytest-xdist sends and JUnit XML writes); none for an
        # unsized test, a budget only where the test has one.
        record_size(item, size)
        record_budget(item, resolution.budget)
        kept.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
    if unsized:
        problems = unsized_policy.apply(config, settings.unsized, unsized) or problems
    if problems:
        guard(config.pluginmanager)
    config.stash[_COUNTS_KEY] = Counter(size_of(item) for item in kept)


def count_line(config: pytest.Config) -> list[str]:
    """The header line with the collected tests per size (nothing before collection)."""
    counts = config.stash.get(_COUNTS_KEY, None)
    if counts is None:
        return []
    parts = [f"{size.value} {counts.get(size, 0)}" for size in TestSize]
    parts.append(f"unsized {counts.get(None, 0)}")
    return ["test sizes: " + ", ".join(parts)]


def _relative(path: Path, config: pytest.Config) -> str:
    try:
        return path.relative_to(config.rootpath).as_posix()
    except ValueError:
        return path.as_posix()
