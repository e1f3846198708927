"""Timing's layer in core's pipeline: an async test runs so that a stop of ours reaches it.

The alarm (or the watchdog) stops an async test by cancelling it through its event loop; the
layer notes the test's loop and task (or trio's cancel scope) when the test starts awaiting, and
turns the cancellation into the failure. It is the outermost layer, so it also covers pytest-trio's
tests: pytest-trio swaps in a sync ``trio.run`` of whatever ``item.obj`` is when its own hook
runs, which is after the pipeline's, so the layered coroutine function is what trio runs.

Which watch is running is looked up when the test is awaited: the enforcer starts it after the
pipeline has wrapped the test. A test that is not watched (unsized, or a test run in-process by
this one) is awaited as it is.
"""

from __future__ import annotations

from typing import Any, Protocol

import pytest

from pytest_test_categories_core import facts_of, is_coroutine_function, wrapped_like
from pytest_test_categories_timing.limit_watch import Watch


class Running(Protocol):
    current: Watch | None


def watch_layer(running: Running) -> Any:
    """The layer: ``running.current`` is the watch of the test in its call phase, if any."""

    def layer(item: pytest.Item, function: Any) -> Any:
        if not is_coroutine_function(function) or facts_of(item)[0] is None:
            return function

        async def watched(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            watch = running.current
            if watch is None or watch.item is not item:
                return await function(*args, **kwargs)
            return await watch.run(function, args, kwargs)

        return wrapped_like(watched, function)

    return layer
