"""The plugin's two markers: what they accept, their defaults, and the message for bad arguments.

Markers are read when the fixture is set up, so a bad argument is that test's error and the
other tests still run.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import pytest

MOCK_API = "mock_api"
VIRTUAL_TIME = "virtual_time"

MOCK_API_DEFAULTS: MappingProxyType[str, object] = MappingProxyType(
    {"base_url": None, "assert_all_called": True, "assert_all_mocked": True}
)
_ALLOWED = ", ".join(MOCK_API_DEFAULTS)

MARKER_LINES = (
    "mock_api(base_url=None, assert_all_called=True, assert_all_mocked=True): turn the mock_api "
    "respx router on for this test and configure it: base_url is prepended to relative routes, "
    "assert_all_called fails a passing test that left a route uncalled, assert_all_mocked fails "
    "the test on a request no route matches (False: answer it with an empty 200 response)",
    "virtual_time: run this asyncio test on a virtual clock, so sleeps and timeouts "
    "complete instantly (the same as requesting the virtual_time fixture)",
)


class MarkerError(Exception):
    """A marker argument that cannot be used; the message names it and what is allowed."""


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """How one test's mock_api router behaves."""

    base_url: str | None = None
    assert_all_called: bool = True
    assert_all_mocked: bool = True


def api_settings(item: pytest.Item) -> ApiSettings:
    """Merge every ``mock_api`` marker of the test (module, class, function): the closest wins per key."""
    given: dict[str, object] = {}
    for mark in reversed(list(item.iter_markers(MOCK_API))):
        if mark.args:
            raise MarkerError(
                f"@pytest.mark.mock_api takes keyword arguments only ({_ALLOWED}); "
                f"got positional {', '.join(repr(arg) for arg in mark.args)}"
            )
        unknown = [name for name in mark.kwargs if name not in MOCK_API_DEFAULTS]
        if unknown:
            raise MarkerError(
                f"@pytest.mark.mock_api got unknown argument {', '.join(unknown)}; allowed: {_ALLOWED}"
            )
        given.update(mark.kwargs)
    return ApiSettings(
        base_url=check_base_url(given.get("base_url")),
        assert_all_called=_flag(given, "assert_all_called"),
        assert_all_mocked=_flag(given, "assert_all_mocked"),
    )


def check_base_url(value: object) -> str | None:
    """``None`` or an absolute ``http(s)://host[/path]`` URL, as a string."""
    if value is None:
        return None
    example = "base_url='https://api.example.com/v1'"
    if not isinstance(value, str):
        raise MarkerError(
            f"@pytest.mark.mock_api(base_url={value!r}): base_url must be a string such as "
            f"{example}, not {type(value).__name__}"
        )
    import httpx  # here, not at import: importing the fixtures imports none of their libraries

    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError) as error:
        raise MarkerError(
            f"@pytest.mark.mock_api(base_url={value!r}): not a valid URL ({error}); use one like {example}"
        ) from None
    if "%" in url.host:  # httpx percent-encodes what a host name cannot contain
        raise MarkerError(
            f"@pytest.mark.mock_api(base_url={value!r}): not a valid URL (its host is not a valid "
            f"host name); use one like {example}"
        )
    if url.scheme not in ("http", "https") or not url.host:
        raise MarkerError(
            f"@pytest.mark.mock_api(base_url={value!r}): base_url must be an absolute http:// or "
            f"https:// URL with a host, such as {example}"
        )
    return value


def _flag(given: dict[str, object], name: str) -> bool:
    value = given.get(name, MOCK_API_DEFAULTS[name])
    if not isinstance(value, bool):
        raise MarkerError(f"@pytest.mark.mock_api({name}={value!r}): {name} must be True or False")
    return value


def check_virtual_time_marks(item: pytest.Item) -> None:
    """``@pytest.mark.virtual_time`` takes no arguments: say so rather than ignore them."""
    for mark in item.iter_markers(VIRTUAL_TIME):
        given = [repr(arg) for arg in mark.args] + [f"{key}={value!r}" for key, value in mark.kwargs.items()]
        if given:
            raise MarkerError(f"@pytest.mark.virtual_time takes no arguments; got {', '.join(given)}")
