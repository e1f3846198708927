"""Virtual time for asyncio tests, with no plugin of its own (PYTEST_DONT_REWRITE).

Nothing is patched until a test asks for virtual time, and nothing stays patched after it. The
``virtual_time`` fixture swaps the test function for one that, once the event loop runs it, puts
that loop on a virtual clock for the test body and takes it off again at the end. While on it:

- the loop's ``time()`` reads the virtual clock (0 the first time a loop goes on virtual time; a
  loop shared by several tests carries on from where the last one left it);
- when the loop has nothing ready to run and would wait for its next timer, the clock jumps to
  that timer instead, so sleeps, ``wait_for``, ``asyncio.timeout`` and ``call_later`` complete at once;
- while work handed to ``run_in_executor`` or ``to_thread`` runs, and while the loop waits with no
  timer at all, it waits for real and the clock moves by the time that really passed.

The clock counts whole microseconds, so that ``sleep(0.1)`` three times reads exactly 0.3.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.util
import inspect
import sys
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import Executor
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

import pytest

from pytest_test_categories_asyncmock.asyncio_compat import selector_of

TICKS_PER_SECOND = 1_000_000

_T = TypeVar("_T")
_MISSING = object()

# The virtual clock of each loop that is on virtual time now, and the last reading of each loop
# that was (so that a loop shared by several tests never sees its clock go back).
_ON_VIRTUAL_TIME: WeakKeyDictionary[asyncio.AbstractEventLoop, LoopOnVirtualTime] = WeakKeyDictionary()
_LAST_READING: WeakKeyDictionary[asyncio.AbstractEventLoop, int] = WeakKeyDictionary()


class VirtualTimeUnavailable(Exception):
    """The running event loop cannot be put on virtual time; the message says why."""


class LoopOnVirtualTime:
    """One event loop on virtual time: its clock, and what it replaced to get there."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        selector = selector_of(loop)
        if selector is None:
            kind = f"{type(loop).__module__}.{type(loop).__qualname__}"
            raise VirtualTimeUnavailable(
                f"virtual_time works on asyncio's own event loop (a selector event loop), and this test "
                f"runs on {kind}: run it on the default loop, or without virtual_time"
            )
        self.loop = loop
        self.selector = selector
        self.ticks = _LAST_READING.get(loop, 0)
        self.threads: set[asyncio.Future[Any]] = set()
        self._real_select = selector.select
        self._real_run_in_executor = loop.run_in_executor
        # Someone else's replacement of select (another library's), put back as it was.
        self._own_select = vars(selector).get("select", _MISSING)

    def time(self) -> float:
        return self.ticks / TICKS_PER_SECOND

    def run_in_executor(
        self, executor: Executor | None, func: Callable[..., _T], *args: Any
    ) -> asyncio.Future[_T]:
        future = self._real_run_in_executor(executor, func, *args)
        self.threads.add(future)
        future.add_done_callback(self.threads.discard)
        return future

    def select(self, timeout: float | None = None) -> list[tuple[Any, int]]:
        """Called by the loop with how long it may wait for I/O before its next timer is due."""
        events = self._real_select(0)
        if events or timeout == 0:
            return events
        if timeout is None or self.threads:
            # Only something outside the loop can move on: wait for it, on the real clock.
            started = time.monotonic()
            events = self._real_select(timeout)
            if events or timeout is None:
                self.ticks += round((time.monotonic() - started) * TICKS_PER_SECOND)
            else:
                self.ticks += _ticks(timeout)
            return events
        self.ticks += _ticks(timeout)
        return []

    def turn_on(self) -> None:
        if self.loop in _ON_VIRTUAL_TIME:
            raise VirtualTimeUnavailable("this event loop is already on virtual time")
        self.loop.time = self.time  # type: ignore[method-assign]
        self.loop.run_in_executor = self.run_in_executor  # type: ignore[method-assign, assignment]
        self.selector.select = self.select  # type: ignore[method-assign]
        _ON_VIRTUAL_TIME[self.loop] = self

    def turn_off(self) -> None:
        _ON_VIRTUAL_TIME.pop(self.loop, None)
        _LAST_READING[self.loop] = self.ticks
        del self.loop.time
        del self.loop.run_in_executor
        if self._own_select is _MISSING:
            del self.selector.select
        else:
            self.selector.select = self._own_select  # type: ignore[method-assign]


def _ticks(seconds: float) -> int:
    # At least one tick: a timer due in less than a microsecond must still come due.
    return max(1, round(seconds * TICKS_PER_SECOND))


def clock_of(loop: asyncio.AbstractEventLoop) -> LoopOnVirtualTime | None:
    """The virtual clock of a loop that is on virtual time now."""
    return _ON_VIRTUAL_TIME.get(loop)


CoroutineFunction = Callable[..., Coroutine[Any, Any, Any]]


def run_on_virtual_time(function: CoroutineFunction) -> CoroutineFunction:
    """The test function, run with its event loop on virtual time."""

    @functools.wraps(function)
    async def on_virtual_time(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        try:
            clock = LoopOnVirtualTime(asyncio.get_running_loop())
            clock.turn_on()
        except VirtualTimeUnavailable as error:
            pytest.fail(str(error), pytrace=False)
        try:
            return await function(*args, **kwargs)
        finally:
            clock.turn_off()

    return on_virtual_time


ON_VIRTUAL_TIME = pytest.StashKey[bool]()
"""On a test whose ``virtual_time`` fixture is set up: the pipeline's layer runs it on virtual time."""


def virtual_time_layer(item: pytest.Item, function: Any) -> Any:
    """asyncmock's layer in core's pipeline: a test that asked for virtual time runs on it."""
    if item.stash.get(ON_VIRTUAL_TIME, False):
        return run_on_virtual_time(function)
    return function


def virtual_time_problem(item: pytest.Item) -> str | None:
    """Why virtual time cannot work for this test, or None."""
    if not isinstance(item, pytest.Function) or not is_async_function(item):
        return _START + "this test is a sync test: make it `async def` (an asyncio test)"
    if not _installed("pytest_asyncio"):
        return _START + (
            'pytest-asyncio is not installed: pip install "pytest-test-categories[asyncio]" '
            '(or "pytest-test-categories-asyncmock[asyncio]", or pytest-asyncio itself)'
        )
    if not _registered(item.config.pluginmanager, ASYNCIO_PLUGIN_MODULE):
        return _START + (
            "pytest-asyncio's plugin is not loaded in this run (-p no:asyncio, or plugin autoload off "
            "without -p pytest_asyncio.plugin)"
        )
    from pytest_asyncio import is_async_test  # loaded already: its plugin is registered

    if is_async_test(item):
        return None
    if item.get_closest_marker("anyio") is not None or "anyio_backend" in item.fixturenames:
        return _START + "this test is run by anyio's plugin: mark it @pytest.mark.asyncio instead of anyio"
    return _START + (
        "this test is not marked for it: mark it @pytest.mark.asyncio (or set asyncio_mode = auto)"
    )


ASYNCIO_PLUGIN_MODULE = "pytest_asyncio.plugin"


def _installed(module_name: str) -> bool:
    """Whether that top-level module can be imported here (found, not imported)."""
    try:
        return importlib.util.find_spec(module_name) is not None
    except (ImportError, ValueError):
        return False


def _registered(pluginmanager: pytest.PytestPluginManager, module_name: str) -> bool:
    """Whether that module is a plugin of this run, under whatever name it was loaded
    (``asyncio`` from its entry point, its module name with ``-p``)."""
    module = sys.modules.get(module_name)
    return module is not None and pluginmanager.is_registered(module)


_START = "virtual_time works on the event loop pytest-asyncio runs a test in, and "


def is_async_function(item: pytest.Item) -> bool:
    """Whether the test is written ``async def`` (whoever runs it)."""
    function = getattr(item, "obj", None)
    return inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)


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
        clock = clock_of(loop)
        if clock is None:
            raise RuntimeError(
                "virtual_time.now: this event loop is not on virtual time (virtual time covers the "
                "test function itself, not async fixtures or loops the test starts on its own)"
            )
        return clock.time()

    def __repr__(self) -> str:
        try:
            return f"<virtual_time now={self.now:g}s>"
        except RuntimeError:
            return "<virtual_time (read .now inside the async test)>"
