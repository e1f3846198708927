"""At collection: each asyncmock marker turns on its fixture, and the fixtures' libraries are imported."""

from __future__ import annotations

import importlib

import pytest

from pytest_test_categories_asyncmock.marks import MOCK_API, VIRTUAL_TIME
from pytest_test_categories_asyncmock.virtual_clock import is_async_function

# A marker turns on the fixture of the same name, so a marked test is guarded even when it does
# not ask for the fixture (routes can then be added by other fixtures that request it).
_FIXTURE_OF_MARKER = {MOCK_API: MOCK_API, VIRTUAL_TIME: VIRTUAL_TIME}


# What each fixture imports on its first use: httpx and respx, pytest-mock.
_MODULE_OF_FIXTURE = {
    MOCK_API: "pytest_test_categories_asyncmock.routing",
    "async_mocker": "pytest_test_categories_asyncmock.mocks",
}


def wire_markers_and_imports(items: list[pytest.Item]) -> None:
    """A marked test gets its marker's fixture; the libraries of the fixtures used are imported."""
    unused = set(_MODULE_OF_FIXTURE)
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        if unused:
            unused.difference_update(names)
        missing: list[str] = []
        for mark in item.iter_markers():
            fixture = _FIXTURE_OF_MARKER.get(mark.name)
            if fixture is not None and fixture not in names and fixture not in missing:
                if fixture == VIRTUAL_TIME and not _asks_itself(item, mark) and not is_async_function(item):
                    # a module's or class's mark, like pytest-asyncio's own, passes over sync tests
                    continue
                missing.append(fixture)
        if missing:
            # A new list: parametrized items of one function share the original.
            item.fixturenames = [*names, *missing]  # type: ignore[attr-defined]
            unused.difference_update(missing)
    _import_for_fixtures(set(_MODULE_OF_FIXTURE) - unused)


def _import_for_fixtures(used: set[str]) -> None:
    """Import the libraries of the fixtures this run uses, before any test runs.

    A library's import can do what a small test may not: httpx imports trio where it is installed,
    and trio runs ``ldconfig`` to find a C library. Done here, that is not counted against the first
    test that uses the fixture; a run that uses none of them imports none of them.
    """
    for fixture in sorted(used):
        importlib.import_module(_MODULE_OF_FIXTURE[fixture])


def _asks_itself(item: pytest.Item, mark: pytest.Mark) -> bool:
    return any(own is mark for own in getattr(item, "own_markers", ()))
