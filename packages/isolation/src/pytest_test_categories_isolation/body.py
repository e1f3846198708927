"""The test's own code, run gated: the same function to pytest and to plugins, gated when called.

The wrapper keeps what others look at: ``async def`` stays ``async def`` (pytest-asyncio and anyio
decide by it), ``__wrapped__`` leads pytest to the test's own code for tracebacks, and attributes
such as Hypothesis' ``hypothesis`` are copied over. A coroutine is gated from its first step to its
end, including what its loop does meanwhile (a lookup in the loop's thread pool is the test's).
"""

from __future__ import annotations

import functools
import inspect
from typing import Any, Protocol


class Span(Protocol):
    """Puts the test's rules in force (``enter``) and settles what happened meanwhile (``leave``)."""

    def enter(self) -> tuple[int, int]: ...

    def leave(self, entered: tuple[int, int], raised: BaseException | None) -> None: ...


def gated(function: Any, span: Span) -> Any:
    """``function``, with ``span`` around each call (around the whole await for a coroutine function)."""
    if inspect.iscoroutinefunction(function):

        @functools.wraps(function)
        async def gated_coroutine(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            entered = span.enter()
            try:
                result = await function(*args, **kwargs)
            except BaseException as raised:
                span.leave(entered, raised)
                raise
            span.leave(entered, None)
            return result

        return gated_coroutine

    @functools.wraps(function)
    def gated_function(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        entered = span.enter()
        try:
            result = function(*args, **kwargs)
        except BaseException as raised:
            span.leave(entered, raised)
            raise
        span.leave(entered, None)
        return result

    return gated_function
