"""The mock_api router: a respx ``MockRouter`` that explains what went wrong, in the test's words.

respx replaces httpx's transport, so a mocked request never opens a socket. What this adds:
an unmatched request names its method, full URL and every registered route, is recorded as a
TC009 violation before it is raised (so code that swallows the error still fails the test), and
routes left uncalled are checked only when the test itself passed.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
import respx
from respx.models import AllMockedAssertionError
from respx.patterns import Lookup, Pattern

from pytest_test_categories_asyncmock.marks import ApiSettings
from pytest_test_categories_core import Violation, render_violation, report_violation, size_of

UNMOCKED_CODE = "TC009"


class UnmockedRequestError(AllMockedAssertionError):
    """A request that no route of ``mock_api`` matched (an ``AssertionError``: it fails the test)."""


class ApiRouter(respx.MockRouter):
    """What the ``mock_api`` fixture returns: respx's router API (``.get()``, ``.post()``, ``.routes``,
    ``.calls`` ...) with readable failures."""

    def __init__(
        self,
        *,
        settings: ApiSettings | None = None,
        item: pytest.Item | None = None,
    ) -> None:
        settings = settings if settings is not None else ApiSettings()
        # respx's own "all called" check would raise at teardown, also after a failed test; we
        # check after the call phase instead, and only when the test passed.
        super().__init__(
            assert_all_called=False,
            assert_all_mocked=settings.assert_all_mocked,
            base_url=settings.base_url,
        )
        self.settings = settings
        self._item = item
        self.unmatched: list[Violation] = []
        # Routes registered before the body ran (by fixtures) may be meant for their teardown
        # (a login route in set-up, a logout route called after the yield): those are judged
        # when the fixtures are torn down, everything else when the body ends.
        self.routes_from_setup = 0
        self.body_passed = False
        self._unmatched_in_body = 0

    def resolve(self, request: httpx.Request) -> Any:
        __tracebackhide__ = True
        try:
            return super().resolve(request)
        except AllMockedAssertionError:
            raise self._unmatched(request) from None

    async def aresolve(self, request: httpx.Request) -> Any:
        __tracebackhide__ = True
        try:
            return await super().aresolve(request)
        except AllMockedAssertionError:
            raise self._unmatched(request) from None

    def __repr__(self) -> str:
        return f"<mock_api router: {len(self.routes)} route(s), {len(self.calls)} call(s)>"

    def _unmatched(self, request: httpx.Request) -> UnmockedRequestError:
        routes = [describe_route(route) for route in self.routes]
        shown = "; ".join(routes) if routes else "none"
        what = f"{request.method} {request.url} matched no route of mock_api (routes registered: {shown})"
        how = (
            f"register a route for it, e.g. {_route_call(request)}.respond(json=...), or use "
            "@pytest.mark.mock_api(assert_all_mocked=False) to answer "
            "unmatched requests with an empty 200 response"
        )
        item = self._item
        violation = Violation(
            code=UNMOCKED_CODE,
            nodeid=item.nodeid if item is not None else "?",
            size=size_of(item) if item is not None else None,
            what_happened=what,
            how_to_fix=how,
        )
        # respx asks each active router in turn; only the last one's "no match" is final.
        if item is not None and self._is_last_router():
            self.unmatched.append(violation)
            report_violation(item, violation)
        return UnmockedRequestError(render_violation(violation))

    def _is_last_router(self) -> bool:
        mocker = self.Mocker
        return mocker is None or not mocker.routers or mocker.routers[-1] is self

    def problems_of_passed_test(self) -> str | None:
        """Why a test whose body passed must fail anyway, or None (routes of fixtures: see below)."""
        problems = self._problems(self.unmatched, list(self.routes)[self.routes_from_setup :], teardown=False)
        self.body_passed = problems is None
        self._unmatched_in_body = len(self.unmatched)
        return problems

    def problems_after_teardown(self) -> str | None:
        """Once the fixtures are torn down: their routes never called, requests their teardown made
        that no route matched. Only for a test whose body passed (a failed test keeps its outcome)."""
        if not self.body_passed:
            return None
        return self._problems(
            self.unmatched[self._unmatched_in_body :],
            list(self.routes)[: self.routes_from_setup],
            teardown=True,
        )

    def _problems(
        self, unmatched: list[Violation], routes: list[respx.Route], *, teardown: bool
    ) -> str | None:
        parts: list[str] = []
        if unmatched:
            what = (
                "a request made during teardown matched no route"
                if teardown
                else "it made a request no route matched"
            )
            parts.append(
                f"mock_api: the test passed, but {what} (the error was caught before it reached the test):"
            )
            parts.extend(render_violation(violation) for violation in unmatched)
        uncalled = [describe_route(route) for route in routes if not route.called]
        if uncalled and self.settings.assert_all_called:
            count = f"{len(uncalled)} route was" if len(uncalled) == 1 else f"{len(uncalled)} routes were"
            where = (
                " by a fixture but never called, not even during teardown"
                if teardown
                else " but never called"
            )
            parts.append(
                f"mock_api: {count} registered{where}:\n"
                + "\n".join(f"  - {route}" for route in uncalled)
                + "\nCall it, remove it, or mark the test @pytest.mark.mock_api(assert_all_called=False)."
            )
        return "\n".join(parts) if parts else None


def _route_call(request: httpx.Request) -> str:
    verb = request.method.lower()
    if verb in {"get", "post", "put", "patch", "delete", "head", "options"}:
        return f'mock_api.{verb}("{request.url}")'
    return f'mock_api.request("{request.method}", "{request.url}")'


def describe_route(route: respx.Route) -> str:
    """``GET https://api.example.com/users/1`` for the common case; respx's own text otherwise."""
    name = f"{route.name}: " if route.name else ""
    try:
        leaves = list(_leaves(route.pattern))
    except _NotSimple:
        return f"{name}{route.pattern!r}"
    method = "*"
    scheme = host = port = path = ""
    extra: list[str] = []
    for leaf in leaves:
        key, value, lookup = leaf.key, leaf.value, leaf.lookup
        if key == "method" and lookup is Lookup.EQUAL:
            method = str(value)
        elif key == "scheme" and lookup is Lookup.EQUAL:
            scheme = str(value)
        elif key == "host" and lookup is Lookup.EQUAL:
            host = str(value)
        elif key == "port" and lookup is Lookup.EQUAL:
            port = f":{value}"
        elif key == "path" and lookup in (Lookup.EQUAL, Lookup.STARTS_WITH) and isinstance(value, str):
            base = leaf.base.value.rstrip("/") if leaf.base is not None else ""
            path = base + value + ("*" if lookup is Lookup.STARTS_WITH else "")
        else:
            shown = value.pattern if isinstance(value, re.Pattern) else value
            extra.append(f"{key} {lookup.value} {shown!r}")
    url = f"{scheme or '*'}://{host or '*'}{port}{path}" if (scheme or host) else path
    if not url:
        return f"{name}{method} {', '.join(extra) if extra else 'any URL'}"
    where = f" ({', '.join(extra)})" if extra else ""
    return f"{name}{method} {url}{where}"


class _NotSimple(Exception):
    pass


def _leaves(pattern: Pattern) -> Any:
    """The leaf patterns of a pure AND of patterns; ``_NotSimple`` for OR, NOT and the like."""
    kind = type(pattern).__name__
    if kind == "_And":
        for part in pattern.value:
            yield from _leaves(part)
    elif kind == "Noop":
        return
    elif getattr(type(pattern), "key", None) in Pattern.registry:
        yield pattern
    else:
        raise _NotSimple
