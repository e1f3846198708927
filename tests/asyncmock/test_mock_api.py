"""mock_api: a respx router per test; unmatched requests and uncalled routes fail with the details."""

from __future__ import annotations

import textwrap

import pytest

pytestmark = pytest.mark.medium

HEADER = """
import httpx
import pytest

USERS = "https://api.example.com/users"
"""


def module(body: str) -> str:
    return HEADER + textwrap.dedent(body)


def test_routes_answer_async_and_sync_clients(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        @pytest.mark.asyncio
        async def test_async_client(mock_api):
            mock_api.get(USERS + "/1").respond(json={"id": 1, "name": "Alice"})
            async with httpx.AsyncClient() as client:
                response = await client.get(USERS + "/1")
            assert response.status_code == 200
            assert response.json()["name"] == "Alice"

        def test_sync_client(mock_api):
            route = mock_api.post(USERS).respond(status_code=201, json={"id": 42})
            with httpx.Client() as client:
                response = client.post(USERS, json={"name": "Bob"})
            assert response.status_code == 201
            assert route.call_count == 1
        """
        )
    )
    run_asyncmock().assert_outcomes(passed=2)


def test_unmatched_request_fails_naming_method_full_url_and_routes(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        @pytest.mark.asyncio
        async def test_lookup(mock_api):
            mock_api.get(USERS + "/1").respond(json={"id": 1})
            mock_api.post(USERS, name="create_user").respond(status_code=201)
            async with httpx.AsyncClient() as client:
                await client.get(USERS + "/2", params={"fields": "name"})
        """
        )
    )
    result = run_asyncmock()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*UnmockedRequestError: +-- TC009 unmocked HTTP request --*",
            "E*| Test: test_unmatched_request_fails_naming_method_full_url_and_routes.py::test_lookup",
            "E*| What happened: GET https://api.example.com/users/2?fields=name matched no route of "
            "mock_api (routes registered: GET https://api.example.com/users/1; "
            "create_user: POST https://api.example.com/users)",
            'E*| How to fix: register a route for it, e.g. mock_api.get("https://api.example.com/users/2'
            '?fields=name").respond(json=...), or use @pytest.mark.mock_api(assert_all_mocked=False)*',
        ]
    )
    # Only the unmatched request is reported: no second complaint about the routes never called.
    result.stdout.no_fnmatch_line("*never called*")


def test_unmatched_request_with_no_routes_says_so(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        def test_nothing_registered(mock_api):
            httpx.delete(USERS + "/7")
        """
        )
    )
    result = run_asyncmock()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*What happened: DELETE https://api.example.com/users/7 matched no route of mock_api "
            "(routes registered: none)"
        ]
    )


def test_unmatched_request_caught_by_the_code_under_test_still_fails_it(pytester, run_asyncmock):
    pytester.makepyfile(
        test_swallow=module(
            """
        def fetch_or_none(url):
            try:
                return httpx.get(url).json()
            except Exception:  # a "resilient" client that hides every error
                return None

        def test_swallowed(mock_api):
            mock_api.get(USERS + "/1").respond(json={"id": 1})
            assert fetch_or_none(USERS + "/1") == {"id": 1}
            assert fetch_or_none(USERS + "/9") is None
        """
        )
    )
    result = run_asyncmock(args=["-rf"])
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "mock_api: the test passed, but it made a request no route matched (the error was caught "
            "before it reached the test):",
            "+-- TC009 unmocked HTTP request --*",
            "| What happened: GET https://api.example.com/users/9 matched no route of mock_api "
            "(routes registered: GET https://api.example.com/users/1)",
            # pytest 8 names only the test in the short summary; 9 adds the message's first line
            "FAILED test_swallow.py::test_swallowed*",
        ]
    )


def test_uncalled_route_fails_a_passing_test_naming_the_route(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        def test_forgot_one(mock_api):
            mock_api.get(USERS + "/1").respond(json={"id": 1})
            mock_api.get(USERS + "/1/orders", name="orders").respond(json=[])
            assert httpx.get(USERS + "/1").json() == {"id": 1}
        """
        )
    )
    result = run_asyncmock()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "mock_api: 1 route was registered but never called:",
            "  - orders: GET https://api.example.com/users/1/orders",
            "Call it, remove it, or mark the test @pytest.mark.mock_api(assert_all_called=False).",
        ]
    )
    result.stdout.no_fnmatch_line("*- GET https://api.example.com/users/1")


def test_routes_a_fixture_registers_are_judged_after_its_teardown(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        AUTH = "https://auth.example.com"

        @pytest.fixture
        def session(mock_api):
            mock_api.post(AUTH + "/login").respond(json={"token": "t"})
            mock_api.post(AUTH + "/logout", name="logout").respond(204)
            token = httpx.post(AUTH + "/login").json()["token"]
            yield token
            httpx.post(AUTH + "/logout")

        @pytest.fixture
        def forgetful_session(mock_api):
            mock_api.post(AUTH + "/login").respond(json={"token": "t"})
            mock_api.post(AUTH + "/logout", name="logout").respond(204)
            yield httpx.post(AUTH + "/login").json()["token"]

        @pytest.fixture
        def careless_session(mock_api):
            yield "t"
            try:
                httpx.post(AUTH + "/sessions/t/close")
            except Exception:
                pass

        def test_logs_out_in_teardown(session):
            assert session == "t"

        def test_never_logs_out(forgetful_session):
            assert forgetful_session == "t"

        def test_unmatched_in_teardown(careless_session):
            assert careless_session == "t"
        """
        )
    )
    result = run_asyncmock(args=["-rA"])
    result.assert_outcomes(passed=3, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_never_logs_out*",
            "mock_api: 1 route was registered by a fixture but never called, not even during teardown:",
            "  - logout: POST https://auth.example.com/logout",
            "*ERROR at teardown of test_unmatched_in_teardown*",
            "mock_api: the test passed, but a request made during teardown matched no route "
            "(the error was caught before it reached the test):",
            "| What happened: POST https://auth.example.com/sessions/t/close matched no route of mock_api*",
        ],
        consecutive=False,
    )
    result.stdout.fnmatch_lines(["PASSED *test_logs_out_in_teardown"])


def test_a_test_that_already_failed_gets_no_second_error_for_uncalled_routes(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        def test_fails_early(mock_api):
            mock_api.get(USERS + "/1").respond(json={"id": 1})
            assert 1 + 1 == 3, "the real failure"
        """
        )
    )
    result = run_asyncmock()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E*AssertionError: the real failure*"])
    result.stdout.no_fnmatch_line("*never called*")
    result.stdout.no_fnmatch_line("*ERROR at teardown*")


def test_assert_all_called_off_lets_uncalled_routes_pass(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        @pytest.mark.mock_api(assert_all_called=False)
        def test_spare_route(mock_api):
            mock_api.get(USERS + "/1").respond(json={"id": 1})
            mock_api.get(USERS + "/2").respond(json={"id": 2})
            assert httpx.get(USERS + "/1").json() == {"id": 1}
        """
        )
    )
    run_asyncmock().assert_outcomes(passed=1)


def test_assert_all_mocked_off_answers_unmatched_requests_with_an_empty_200(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        @pytest.mark.mock_api(assert_all_mocked=False)
        def test_anything_goes(mock_api):
            response = httpx.get("https://elsewhere.example.org/ping")
            assert response.status_code == 200
            assert response.content == b""
            assert len(mock_api.calls) == 1
        """
        )
    )
    run_asyncmock().assert_outcomes(passed=1)


def test_base_url_and_markers_merge_from_module_to_test(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        pytestmark = pytest.mark.mock_api(base_url="https://api.example.com/v1")

        def test_relative_routes(mock_api):
            mock_api.get("/users/1").respond(json={"id": 1})
            assert httpx.get("https://api.example.com/v1/users/1").json() == {"id": 1}

        @pytest.mark.mock_api(assert_all_called=False)
        def test_closest_marker_adds_its_keys(mock_api):
            mock_api.get("/users/1").respond(json={"id": 1})
            mock_api.get("/users/2").respond(json={"id": 2})
            assert mock_api.settings.base_url == "https://api.example.com/v1"
            assert httpx.get("https://api.example.com/v1/users/2").json() == {"id": 2}

        def test_other_hosts_do_not_match(mock_api):
            mock_api.get("/users/1").respond(json={"id": 1})
            httpx.get("https://api.example.com/v2/users/1")
        """
        )
    )
    result = run_asyncmock()
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*What happened: GET https://api.example.com/v2/users/1 matched no route of mock_api "
            "(routes registered: GET https://api.example.com/v1/users/1)"
        ]
    )


def test_marker_alone_turns_the_router_on(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        @pytest.fixture
        def user_api(mock_api):
            mock_api.get(USERS + "/1").respond(json={"id": 1})
            return USERS + "/1"

        @pytest.mark.mock_api
        def test_guarded_without_asking(user_api):
            assert httpx.get(user_api).json() == {"id": 1}
            httpx.get("https://api.example.com/admin")
        """
        )
    )
    result = run_asyncmock()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E*What happened: GET https://api.example.com/admin matched no route*"])


def test_routes_do_not_leak_into_the_next_test(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        def test_first(mock_api):
            mock_api.get(USERS + "/1").respond(json={"id": 1})
            assert httpx.get(USERS + "/1").status_code == 200

        def test_second(mock_api):
            httpx.get(USERS + "/1")
        """
        )
    )
    result = run_asyncmock()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*routes registered: none*"])


def test_unmatched_request_is_recorded_as_a_tc009_violation(pytester, run_asyncmock):
    pytester.makeconftest(
        """
        def pytest_test_categories_violation(item, violation):
            item.config.seen = getattr(item.config, "seen", []) + [(item.name, violation.code)]

        def pytest_terminal_summary(terminalreporter, config):
            terminalreporter.write_line(f"violations seen: {getattr(config, 'seen', [])}")
        """
    )
    pytester.makepyfile(
        module(
            """
        def test_unmocked(mock_api):
            try:
                httpx.get(USERS)
            except AssertionError:
                pass
        """
        )
    )
    result = run_asyncmock(args=["--junitxml=report.xml"])
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["violations seen: [('test_unmocked', 'TC009')]"])
    xml = (pytester.path / "report.xml").read_text()
    assert (
        'name="test_categories_violation" value="TC009 unmocked HTTP request: GET '
        'https://api.example.com/users matched no route of mock_api (routes registered: none)"'
    ) in xml


def test_mocked_requests_never_open_a_socket(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        import socket

        @pytest.fixture
        def no_network(monkeypatch):
            def refuse(*args, **kwargs):
                raise AssertionError("a socket was used")
            monkeypatch.setattr(socket.socket, "connect", refuse)
            monkeypatch.setattr(socket.socket, "connect_ex", refuse)
            monkeypatch.setattr(socket, "getaddrinfo", refuse)
            monkeypatch.setattr(socket, "create_connection", refuse)

        @pytest.mark.asyncio
        async def test_async(no_network, mock_api):
            mock_api.get("https://api.example.com/ping").respond(text="pong")
            async with httpx.AsyncClient() as client:
                assert (await client.get("https://api.example.com/ping")).text == "pong"

        def test_sync(no_network, mock_api):
            mock_api.get("https://api.example.com/ping").respond(text="pong")
            assert httpx.get("https://api.example.com/ping").text == "pong"

        def test_the_guard_works(no_network):
            with pytest.raises(AssertionError, match="a socket was used"):
                socket.create_connection(("api.example.com", 443))
        """
        )
    )
    run_asyncmock().assert_outcomes(passed=3)


def test_works_beside_respx_own_decorator(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
        import respx

        pytestmark = pytest.mark.mock_api

        @respx.mock
        def test_route_on_respx_global_router():
            respx.get(USERS).respond(json=[])
            assert httpx.get(USERS).json() == []
        """
        )
    )
    run_asyncmock().assert_outcomes(passed=1)


BAD_MARKERS = [
    (
        "mock_api(bse_url='https://api.example.com')",
        "@pytest.mark.mock_api got unknown argument bse_url; allowed: base_url, assert_all_called, "
        "assert_all_mocked",
    ),
    (
        "mock_api('https://api.example.com')",
        "@pytest.mark.mock_api takes keyword arguments only (base_url, assert_all_called, "
        "assert_all_mocked); got positional 'https://api.example.com'",
    ),
    (
        "mock_api(base_url='api.example.com')",
        "@pytest.mark.mock_api(base_url='api.example.com'): base_url must be an absolute http:// or "
        "https:// URL with a host, such as base_url='https://api.example.com/v1'",
    ),
    (
        "mock_api(base_url='ftp://files.example.com')",
        "@pytest.mark.mock_api(base_url='ftp://files.example.com'): base_url must be an absolute http://*",
    ),
    (
        "mock_api(base_url=8080)",
        "@pytest.mark.mock_api(base_url=8080): base_url must be a string such as "
        "base_url='https://api.example.com/v1', not int",
    ),
    (
        "mock_api(assert_all_called='no')",
        "@pytest.mark.mock_api(assert_all_called='no'): assert_all_called must be True or False",
    ),
]


@pytest.mark.parametrize(("marker", "message"), BAD_MARKERS, ids=[marker for marker, _ in BAD_MARKERS])
def test_bad_marker_argument_errors_that_test_alone(pytester, run_asyncmock, marker, message):
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.{marker}
        def test_bad(mock_api):
            pass

        def test_good(mock_api):
            pass
        """
    )
    result = run_asyncmock(args=["-rE"])
    result.assert_outcomes(passed=1, errors=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*ERROR at setup of test_bad*", f"*::test_bad: {message}"])
    result.stdout.no_fnmatch_line("*INTERNALERROR*")


def test_expected_failures_keep_their_outcome(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
            @pytest.mark.xfail(reason="known bug")
            def test_xfail_failing(mock_api):
                mock_api.get(USERS).respond(json=[])
                assert False

            @pytest.mark.xfail(reason="flaky")
            def test_xfail_passing(mock_api):
                mock_api.get(USERS).respond(json=[])

            def test_skipped(mock_api):
                mock_api.get(USERS).respond(json=[])
                pytest.skip("not today")
            """
        )
    )
    result = run_asyncmock()
    result.assert_outcomes(xfailed=1, xpassed=1, skipped=1)
    result.stdout.no_fnmatch_line("*never called*")


def test_the_fix_for_an_unusual_method_is_runnable(pytester, run_asyncmock):
    pytester.makepyfile(
        module(
            """
            def test_propfind(mock_api):
                httpx.request("PROPFIND", "https://dav.example.com/files/")

            def test_the_suggested_route_matches(mock_api):
                mock_api.request("PROPFIND", "https://dav.example.com/files/").respond(json={})
                assert httpx.request("PROPFIND", "https://dav.example.com/files/").json() == {}
            """
        )
    )
    result = run_asyncmock()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            'E*| How to fix: register a route for it, e.g. mock_api.request("PROPFIND", '
            '"https://dav.example.com/files/").respond(json=...)*'
        ]
    )
