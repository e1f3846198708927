"""The test's own code, run gated: the same function to pytest and to plugins, gated when called.

The wrapper keeps what others look at: ``async def`` stays ``async def`` (pytest-asyncio and anyio
decide by it), ``__wrapped__`` leads pytest to the test's own code for tracebacks, and attributes
such as Hypothesis' ``hypothesis`` are copied over. A coroutine is gated from its first step to its
end, including what its loop does meanwhile (a lookup in the loop's thread pool is the test's).

Built for every checked test, so built by hand: ``functools.wraps`` copies more than anyone reads
here and made this the costliest step of the plugin's per-test work.
"""

from __future__ import annotations

import inspect
from typing import Any, Protocol

_CO_COROUTINE = inspect.CO_COROUTINE


class Span(Protocol):
    """Puts the test's rules in force (``enter``) and settles what happened meanwhile (``leave``)."""

    def enter(self) -> tuple[int, int]: ...

    def leave(self, entered: tuple[int, int], raised: BaseException | None) -> None: ...


def gated(function: Any, span: Span) -> Any:
    """``function``, with ``span`` around each call (around the whole await for a coroutine function)."""
    wrapper: Any
    if _is_coroutine_function(function):

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

        wrapper = gated_coroutine
    else:

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

        wrapper = gated_function
    attributes = getattr(function, "__dict__", None)
    if attributes:
        wrapper.__dict__.update(attributes)
    wrapper.__wrapped__ = function
    return wrapper


def _is_coroutine_function(function: object) -> bool:
    code = getattr(function, "__code__", None)
    if code is not None:
        return bool(code.co_flags & _CO_COROUTINE)
    return inspect.iscoroutinefunction(function)
