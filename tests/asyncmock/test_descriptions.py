"""How routes and base URLs are described in messages: plain functions, small tests."""

from __future__ import annotations

import re

import pytest
import respx
from respx.patterns import M

from pytest_test_categories_asyncmock.marks import MarkerError, check_base_url
from pytest_test_categories_asyncmock.routing import ApiRouter, describe_route

pytestmark = pytest.mark.small


def route_on(router: ApiRouter, route: respx.Route) -> respx.Route:
    return router.add(route)


@pytest.mark.parametrize(
    ("make", "described"),
    [
        (lambda r: r.get("https://api.example.com/users/1"), "GET https://api.example.com/users/1"),
        (
            lambda r: r.post("https://api.example.com/users", name="create"),
            "create: POST https://api.example.com/users",
        ),
        (lambda r: r.get("http://localhost:8080/health"), "GET http://localhost:8080/health"),
        (lambda r: r.route(host="api.example.com"), "* *://api.example.com"),
        (lambda r: r.get(path__startswith="/v2/"), "GET /v2/*"),
        (lambda r: r.route(), "* any URL"),
        (
            lambda r: r.get("https://api.example.com/search", params={"q": "x"}),
            "GET https://api.example.com/search (params contains*)",
        ),
        (lambda r: r.get(url__regex=r"https://api\.example\.com/users/\d+"), "GET url regex*"),
    ],
)
def test_simple_routes_read_like_requests(make, described):
    assert re.fullmatch(re.escape(described).replace(r"\*", ".*"), describe_route(make(ApiRouter())))


def test_routes_under_a_base_url_show_the_whole_url():
    from pytest_test_categories_asyncmock.marks import ApiSettings

    router = ApiRouter(settings=ApiSettings(base_url="https://api.example.com/v1/"))
    assert describe_route(router.get("/users/1")) == "GET https://api.example.com/v1/users/1"


def test_routes_with_or_and_not_fall_back_to_respx_own_text():
    route = ApiRouter().route(M(host="a.example.com") | ~M(method="GET"))
    assert describe_route(route) == repr(route.pattern)


@pytest.mark.parametrize(
    "url", ["https://api.example.com", "http://localhost:8000/api/v1/", "https://*.example.com"]
)
def test_absolute_http_urls_are_accepted(url):
    assert check_base_url(url) == url


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("api.example.com", "must be an absolute http:// or https:// URL with a host"),
        ("/v1/users", "must be an absolute http:// or https:// URL with a host"),
        ("mailto:someone@example.com", "must be an absolute http:// or https:// URL with a host"),
        ("https://api.example.com:port", "not a valid URL (Invalid port: 'port')"),
        ("https://exa mple.com", "not a valid URL (its host is not a valid host name)"),
        (
            b"https://api.example.com",
            "must be a string such as base_url='https://api.example.com/v1', not bytes",
        ),
    ],
)
def test_anything_else_is_refused_with_the_reason(value, problem):
    with pytest.raises(MarkerError, match=re.escape(problem)) as raised:
        check_base_url(value)
    assert str(raised.value).startswith(f"@pytest.mark.mock_api(base_url={value!r}): ")
