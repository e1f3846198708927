"""An async fixture, run so that a cancel of ours ends it with our failure.

An async fixture that hangs is cancelled through its event loop. The ``CancelledError`` must not
leave the fixture as it is: pytest caches only ordinary failures of a fixture, and a fixture whose
set-up ended in a ``BaseException`` breaks the next test that needs it; anyio's runner would end
its shared task. So the fixture's own coroutine or async generator runs inside this wrapper, which
turns our cancellation into ``TimeLimitExceeded`` right where it was raised. The wrapper keeps the
kind of the function (coroutine or async generator) and its attributes, which is what
pytest-asyncio and anyio look at to run it.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import types
from collections.abc import AsyncGenerator, Callable, Coroutine
from typing import Any, Protocol

_ASYNC = inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR


class Stops(Protocol):
    def stop_for(self, task: asyncio.Task[Any] | None) -> BaseException | None:
        """The failure for a cancel of ours that reached ``task``, or None if it was not ours."""


def is_async_fixture(function: object) -> bool:
    code = getattr(function, "__code__", None)
    if code is not None:
        return bool(code.co_flags & _ASYNC)
    return inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)


def guard_fixture(function: Callable[..., Any], stops: Stops) -> Callable[..., Any]:
    bound_to = getattr(function, "__self__", None)
    if bound_to is not None:  # a fixture of a test class: pytest binds it again to each test's instance
        unbound: Callable[..., Any] = getattr(function, "__func__", function)
        return types.MethodType(guard_fixture(unbound, stops), bound_to)
    if inspect.isasyncgenfunction(function):
        return _guard_generator(function, stops)
    return _guard_coroutine(function, stops)


def _guard_coroutine(function: Callable[..., Coroutine[Any, Any, Any]], stops: Stops) -> Callable[..., Any]:
    @functools.wraps(function)
    async def guarded(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        try:
            return await function(*args, **kwargs)
        except asyncio.CancelledError as cancelled:
            stop = _ours(cancelled, stops)
            if stop is None:
                raise
            raise stop from None

    return guarded


def _guard_generator(function: Callable[..., AsyncGenerator[Any, None]], stops: Stops) -> Callable[..., Any]:
    @functools.wraps(function)
    async def guarded(*args: Any, **kwargs: Any) -> AsyncGenerator[Any, None]:
        __tracebackhide__ = True
        generator = function(*args, **kwargs)
        try:
            value = await generator.__anext__()
        except asyncio.CancelledError as cancelled:
            stop = _ours(cancelled, stops)
            if stop is None:
                raise
            raise stop from None
        yield value
        try:
            await generator.__anext__()
        except StopAsyncIteration:
            return
        except asyncio.CancelledError as cancelled:
            stop = _ours(cancelled, stops)
            if stop is None:
                raise
            raise stop from None
        raise ValueError(f"fixture {function.__name__!r} yielded more than once; a fixture yields once")

    return guarded


def _ours(cancelled: asyncio.CancelledError, stops: Stops) -> BaseException | None:
    stop = stops.stop_for(asyncio.current_task())
    return None if stop is None else stop.with_traceback(cancelled.__traceback__)
