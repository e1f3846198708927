"""pytest-trio's tests are stopped through trio, like anyio's tests on trio.

pytest-trio replaces a ``@pytest.mark.trio`` test's function with a sync one that calls
``trio.run``, in its own ``pytest_runtest_call``; the enforcer, which runs after it, sees a sync
test, and the alarm's stop would land wherever trio is (in its I/O wait): trio breaks, and the
session with it. So, before pytest-trio's hook, the test's coroutine function is wrapped: inside
trio it joins the running watch (``Watch.guard``), which cancels it through a cancel scope at its
limit, as it does for anyio's trio backend.

Registered only when pytest-trio is loaded; it touches only tests marked ``trio``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Coroutine, Generator
from typing import Any

import pytest

from pytest_test_categories_core import is_coroutine_function
from pytest_test_categories_timing.errors import TimeLimitExceeded, TimeLimitReached

PLUGIN_NAME = "test_categories_timing_trio_tests"

CoroutineFunction = Callable[..., Coroutine[Any, Any, Any]]


def trio_plugin_loaded(pluginmanager: pytest.PytestPluginManager) -> bool:
    """Whatever name it was loaded under (``trio`` from its entry point, or ``-p pytest_trio.plugin``)."""
    module = sys.modules.get("pytest_trio.plugin")
    return module is not None and pluginmanager.is_registered(module)


class TrioTests:
    def __init__(self, current: Callable[[], Any]) -> None:
        self.current = current  # the enforcer's running watch, or None

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        if not isinstance(item, pytest.Function) or item.get_closest_marker("trio") is None:
            return (yield)
        function = item
        original = function.obj
        if not is_coroutine_function(original):
            return (yield)
        function.obj = self._joining(item, original)
        try:
            return (yield)
        finally:
            function.obj = original

    def _joining(self, item: pytest.Item, test: CoroutineFunction) -> CoroutineFunction:
        current = self.current

        @functools.wraps(test)
        async def joining(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            watch = current()
            if watch is None or watch.item is not item:  # not watched (unsized, or not stoppable)
                return await test(*args, **kwargs)
            return await watch.guard(test)(*args, **kwargs)

        return joining


def sole_stop(error: BaseExceptionGroup[BaseException]) -> BaseException:
    """pytest-trio raises the test's failure inside a group (its nursery's): our stop alone is itself."""
    leaves: list[BaseException] = []
    pending: list[BaseException] = [error]
    while pending:
        each = pending.pop()
        if isinstance(each, BaseExceptionGroup):
            pending.extend(each.exceptions)
        else:
            leaves.append(each)
    if len(leaves) == 1 and isinstance(leaves[0], TimeLimitExceeded | TimeLimitReached):
        return leaves[0]
    return error
