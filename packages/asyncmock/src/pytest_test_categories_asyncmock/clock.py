"""Virtual time for asyncio tests, on top of looptime.

looptime's pytest plugin already patches every event loop pytest-asyncio creates and, for a test
marked ``looptime``, fast-forwards the loop's clock whenever the loop would idle. We do not keep a
clock of our own: ``virtual_time`` checks that this machinery can work for the test, turns it on
for that one test, and reads the loop's time.
"""

from __future__ import annotations

import asyncio
import inspect

import looptime
import pytest
from pytest_asyncio import is_async_test

from pytest_test_categories_asyncmock.looptime_hooks import (
    LOOPTIME_PLUGIN_MODULE,
    LOOPTIME_UNUSED_KEY,
    registered_plugin,
)


def virtual_time_problem(item: pytest.Item) -> str | None:
    """Why virtual time cannot work for this test, or None."""
    config = item.config
    if not is_async_test(item):
        return _not_run_by_pytest_asyncio(item)
    if config.stash.get(LOOPTIME_UNUSED_KEY, False):
        return (
            "virtual_time was asked for only while the test ran (getfixturevalue, or a marker added "
            "by a fixture), and no collected test of this run uses virtual time, so looptime's hooks "
            "were switched off after collection: request virtual_time as an argument of the test, or "
            "mark it @pytest.mark.virtual_time"
        )
    if registered_plugin(config.pluginmanager, LOOPTIME_PLUGIN_MODULE) is None:
        return (
            "virtual_time needs looptime's pytest plugin, which is not loaded in this run; with "
            "plugin autoload off, pass -p looptime_plugin (and -p asyncio)"
        )
    if config.getoption("looptime", None) is False:
        return "virtual_time cannot work with --no-looptime, which keeps every test on real time"
    return None


def is_async_function(item: pytest.Item) -> bool:
    """Whether the test is written ``async def`` (whoever runs it)."""
    function = getattr(item, "obj", None)
    return inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)


def _not_run_by_pytest_asyncio(item: pytest.Item) -> str:
    """Why pytest-asyncio does not run this test, in the terms of what the user can change."""
    start = "virtual_time works on the event loop pytest-asyncio runs a test in, and "
    if not is_async_function(item):
        return start + "this test is a sync test: make it `async def` (an asyncio test)"
    if not item.config.pluginmanager.has_plugin("asyncio"):
        return start + (
            "pytest-asyncio's plugin is not loaded in this run (-p no:asyncio, or plugin autoload off "
            "without -p asyncio)"
        )
    if item.get_closest_marker("anyio") is not None or "anyio_backend" in getattr(item, "fixturenames", ()):
        return start + "this test is run by anyio's plugin: mark it @pytest.mark.asyncio instead of anyio"
    return start + (
        "this test is not marked for it: mark it @pytest.mark.asyncio (or set asyncio_mode = auto)"
    )


def turn_on(item: pytest.Item) -> None:
    # looptime reads its markers when the test function is called; ours goes first in the list
    # so that it is applied last and wins over a @pytest.mark.looptime(False) further out.
    item.add_marker(pytest.mark.looptime(True), append=False)


class VirtualClock:
    """The test's virtual clock, as the running event loop sees it (what ``virtual_time`` returns)."""

    @property
    def now(self) -> float:
        """Seconds on the loop's virtual clock; 0 when a fresh function-scoped loop starts."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError(
                "virtual_time.now is read inside the async test, while its event loop runs"
            ) from None
        if not (isinstance(loop, looptime.LoopTimeEventLoop) and loop.looptime_on):
            raise RuntimeError(
                "virtual_time.now: this event loop is not on virtual time (virtual time covers the "
                "test function itself, not async fixtures or loops the test starts on its own)"
            )
        return loop.time()

    def __repr__(self) -> str:
        try:
            return f"<virtual_time now={self.now:g}s>"
        except RuntimeError:
            return "<virtual_time (read .now inside the async test)>"
