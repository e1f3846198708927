"""AsyncMock helpers on top of pytest-mock, for the cases plain ``AsyncMock`` gets wrong.

- ``patch()`` patches an async callable with autospec by default, so a call with the wrong
  arguments raises ``TypeError`` like the real function would, and pytest-mock undoes it.
- ``context_manager()`` gives the object ``async with`` enters (``AsyncMock()`` hands back an
  unrelated mock from ``__aenter__``), and records enter and exit.
- ``iterator()`` gives something ``async for`` can consume (calling an ``AsyncMock`` returns a
  coroutine, not an async iterator).
"""

from __future__ import annotations

import inspect
import pkgutil
from collections.abc import Iterable, Iterator, Sized
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from unittest.mock import AsyncMock, create_autospec

if TYPE_CHECKING:
    from pytest_mock import MockerFixture

T = TypeVar("T")

_UNSET: Any = object()


def _check_exception(name: str, value: object) -> BaseException | type[BaseException] | None:
    if value is None or isinstance(value, BaseException):
        return value
    if isinstance(value, type) and issubclass(value, BaseException):
        return value
    raise TypeError(
        f"{name}={value!r}: {name} must be an exception instance or class (such as "
        f"ConnectionError('refused')) or None, not {type(value).__name__}"
    )


class AsyncContextManagerMock(Generic[T]):
    """Usable in ``async with``: enters to ``value`` (or raises ``raises``), and records what happened."""

    def __init__(self, value: T, raises: BaseException | type[BaseException] | None = None) -> None:
        self.value = value
        self.raises = raises
        self.enter_count = 0
        self.exit_count = 0
        self.exit_exception: BaseException | None = None

    @property
    def entered(self) -> bool:
        return self.enter_count > 0

    @property
    def exited(self) -> bool:
        return self.exit_count > 0

    async def __aenter__(self) -> T:
        self.enter_count += 1
        if self.raises is not None:
            raise self.raises
        return self.value

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        self.exit_count += 1
        self.exit_exception = exc
        return False  # never swallow the block's exception

    def __repr__(self) -> str:
        return (
            f"<async context manager value={self.value!r} entered={self.enter_count} "
            f"exited={self.exit_count}>"
        )


class AsyncIteratorMock(Generic[T]):
    """Usable in ``async for`` (once, like an async generator): yields ``items``, then raises
    ``raises`` if given. ``consumed`` counts the items handed out; ``closed`` tells if ``aclose()``
    was called.

    ``items`` is read as the loop asks for them, never ahead: an endless generator
    (``itertools.count()``) works, and one that fails on its n-th item fails there.
    """

    def __init__(self, items: Iterable[T], raises: BaseException | type[BaseException] | None = None) -> None:
        self._items: Iterator[T] = iter(items)
        self._total = len(items) if isinstance(items, Sized) else None
        self.raises = raises
        self.consumed = 0
        self.closed = False
        self._exhausted = False
        self._raised = False

    def __aiter__(self) -> AsyncIteratorMock[T]:
        return self

    async def __anext__(self) -> T:
        if not self.closed and not self._exhausted:
            try:
                item = next(self._items)
            except StopIteration:
                self._exhausted = True
            else:
                self.consumed += 1
                return item
        if self.raises is not None and not self.closed and not self._raised:
            self._raised = True
            raise self.raises
        raise StopAsyncIteration

    async def aclose(self) -> None:
        self.closed = True

    def __repr__(self) -> str:
        total = "" if self._total is None else f"/{self._total}"
        return f"<async iterator {self.consumed}{total} consumed>"


class AsyncMocker:
    """What the ``async_mocker`` fixture returns; every patch is undone by pytest-mock at teardown."""

    def __init__(self, mocker: MockerFixture) -> None:
        self.mocker = mocker

    def mock(self, **kwargs: Any) -> AsyncMock:
        """An ``AsyncMock`` (``return_value=``, ``side_effect=``, ``spec=``, ... as usual)."""
        return AsyncMock(**kwargs)

    def patch(
        self,
        target: str,
        *,
        return_value: Any = _UNSET,
        side_effect: Any = _UNSET,
        autospec: bool = True,
    ) -> Any:
        """Replace the async callable at ``target`` (``"package.module.function"``) for this test.

        With ``autospec=True`` (the default) the replacement has the real signature: a call with
        wrong arguments raises ``TypeError``. Returns the mock, for ``assert_awaited_once_with()``.
        """
        if not isinstance(target, str) or "." not in target:
            raise TypeError(
                f"async_mocker.patch(target={target!r}): target must be a dotted path such as "
                "'myapp.client.fetch_user'"
            )
        if not isinstance(autospec, bool):
            raise TypeError(f"async_mocker.patch(autospec={autospec!r}): autospec must be True or False")
        try:
            original = pkgutil.resolve_name(target)
        except (ImportError, AttributeError, ValueError) as error:
            raise AttributeError(
                f"async_mocker.patch({target!r}): cannot find the target ({error})"
            ) from None
        if not _is_async_callable(original):
            raise TypeError(f"async_mocker.patch({target!r}): {_not_async_because(original)}")
        options: dict[str, Any] = {}
        if return_value is not _UNSET:
            options["return_value"] = return_value
        if side_effect is not _UNSET:
            options["side_effect"] = side_effect
        if autospec and _is_async_callable_object(original):
            # create_autospec of the object itself would give a MagicMock: spec its bound __call__
            return self.mocker.patch(target, new=create_autospec(original.__call__, **options))
        if autospec:
            return self.mocker.patch(target, autospec=True, **options)
        return self.mocker.patch(target, new_callable=AsyncMock, **options)

    def context_manager(
        self, value: Any = None, *, raises: BaseException | type[BaseException] | None = None
    ) -> AsyncContextManagerMock[Any]:
        """An object for ``async with ... as x``: ``x`` is ``value``; ``raises`` is raised on entering."""
        return AsyncContextManagerMock(value, _check_exception("raises", raises))

    def iterator(
        self, items: Iterable[T], *, raises: BaseException | type[BaseException] | None = None
    ) -> AsyncIteratorMock[T]:
        """An object for ``async for``: yields ``items`` in order, then raises ``raises`` if given."""
        try:
            iter(items)
        except TypeError:
            hint = " (it is already async-iterable: use it as it is)" if hasattr(items, "__aiter__") else ""
            raise TypeError(
                f"async_mocker.iterator(items={items!r}): items must be an iterable such as a list, "
                f"tuple or generator, not {type(items).__name__}{hint}"
            ) from None
        return AsyncIteratorMock(items, _check_exception("raises", raises))


def _is_async_callable(obj: object) -> bool:
    if inspect.iscoroutinefunction(obj) or isinstance(obj, AsyncMock):
        return True
    return _is_async_callable_object(obj)


def _is_async_callable_object(obj: object) -> bool:
    """An instance whose class has ``async def __call__``."""
    call = getattr(type(obj), "__call__", None)  # noqa: B004
    return not inspect.isclass(obj) and not inspect.isroutine(obj) and inspect.iscoroutinefunction(call)


def _not_async_because(obj: object) -> str:
    if inspect.isasyncgenfunction(obj):
        return (
            "the target is an async generator function (used with `async for`, not awaited); "
            "patch it with mocker.patch(..., return_value=async_mocker.iterator([...]))"
        )
    what = "a sync function" if inspect.isroutine(obj) else f"a {type(obj).__name__}"
    return f"the target is not an async function (it is {what}); patch it with mocker.patch"
