"""The test's own code, run gated: the same function to pytest and to plugins, gated when called.

The wrapper keeps what others look at: ``async def`` stays ``async def`` (pytest-asyncio and anyio
decide by it), ``__wrapped__`` leads pytest to the test's own code for tracebacks, and attributes
such as Hypothesis' ``hypothesis`` are copied over. A coroutine is gated from its first step to its
end, including what its loop does meanwhile (a lookup in the loop's thread pool is the test's).

The sync and async bodies are the same apart from the ``await``, which cannot be shared.
"""

from __future__ import annotations

from typing import Any, Protocol

import pytest

from pytest_test_categories_core import is_coroutine_function, wrapped_like


class Gatekeeper(Protocol):
    """Puts a test's rules in force (``open``) and settles what happened meanwhile (``close``)."""

    def open(self, scope: Any) -> tuple[int, int]: ...

    def close(self, item: pytest.Item, depth: int, recorded: int, raised: BaseException | None) -> None: ...


def gated(function: Any, keeper: Gatekeeper, item: pytest.Item, scope: Any) -> Any:
    """``function``, gated by ``keeper`` for ``item`` at each call (the whole await of a coroutine)."""
    wrapper: Any
    if is_coroutine_function(function):

        async def gated_coroutine(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            depth, recorded = keeper.open(scope)
            try:
                result = await function(*args, **kwargs)
            except BaseException as raised:
                keeper.close(item, depth, recorded, raised)
                raise
            keeper.close(item, depth, recorded, None)
            return result

        wrapper = gated_coroutine
    else:

        def gated_function(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            depth, recorded = keeper.open(scope)
            try:
                result = function(*args, **kwargs)
            except BaseException as raised:
                keeper.close(item, depth, recorded, raised)
                raise
            keeper.close(item, depth, recorded, None)
            return result

        wrapper = gated_function
    return wrapped_like(wrapper, function)
