"""TC001 network: small tests get none, medium tests get loopback only, large tests get all."""

from __future__ import annotations

import pytest

from .conftest import RunIsolated, listed

pytestmark = pytest.mark.medium

SMALL_NETWORK = """
import socket
import pytest

pytestmark = pytest.mark.small

def test_connect_to_localhost():
    sock = socket.socket()
    sock.setblocking(False)
    sock.connect_ex(("127.0.0.1", 9))

def test_dns_lookup():
    socket.getaddrinfo("localhost", 80)

def test_udp_datagram():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.sendto(b"ping", ("127.0.0.1", 9))

def test_listening_socket():
    socket.socket().bind(("127.0.0.1", 0))

def test_unix_socket():
    sock = socket.socket(socket.AF_UNIX)
    sock.connect_ex("/nonexistent/app.sock")

def test_reverse_lookup():
    try:
        socket.gethostbyaddr("127.0.0.1")
    except OSError:
        pass
"""

EXPECTED_SMALL = [
    "*test_connect_to_localhost: TC001 network access: connect to 127.0.0.1:9",
    "*test_dns_lookup: TC001 network access: DNS lookup of 'localhost'",
    "*test_udp_datagram: TC001 network access: send a datagram to 127.0.0.1:9",
    "*test_listening_socket: TC001 network access: bind a socket to 127.0.0.1:0",
    "*test_unix_socket: TC001 network access: connect to the Unix socket /nonexistent/app.sock",
    "*test_reverse_lookup: TC001 network access: reverse DNS lookup of 127.0.0.1",
]


def test_small_network_fails_in_strict_mode_before_anything_is_sent(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(SMALL_NETWORK)
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(failed=6)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_connect_to_localhost - *TC001 network access: connect to 127.0.0.1:9",
            "FAILED *test_dns_lookup - *TC001 network access: DNS lookup of 'localhost'",
        ],
        consecutive=False,
    )
    result.stdout.fnmatch_lines(
        [
            "*+-- TC001 network access ---*",
            "*| Test: test_small_network_fails_in_strict_mode_before_anything_is_sent.py::"
            "test_connect_to_localhost [[]small[]]",
            "*| What happened: connect to 127.0.0.1:9",
            "*| How to fix: A small test gets no network, not even localhost or DNS. Mock the call*",
            "*| Docs: https://pytest-test-categories.readthedocs.io/en/latest/errors/tc001/",
        ],
        consecutive=True,
    )


def test_small_network_passes_in_warn_mode_and_is_listed_at_the_end(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(SMALL_NETWORK)
    result = run_isolated("warn")
    result.assert_outcomes(passed=6)
    result.stdout.fnmatch_lines(
        [
            "*= test categories: isolation warnings =*",
            "6 isolation violation(s) in 6 test(s); they were allowed because "
            "test_categories_isolation = warn (set it to strict to fail these tests):",
            *EXPECTED_SMALL,
            "How to fix: TC001 https://pytest-test-categories.readthedocs.io/en/latest/errors/tc001/",
        ],
        consecutive=True,
    )


def test_medium_tests_reach_loopback_but_not_other_machines(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import socket
        import pytest

        pytestmark = pytest.mark.medium

        def test_local_server_round_trip():
            server = socket.create_server(("127.0.0.1", 0))
            port = server.getsockname()[1]
            client = socket.create_connection(("localhost", port))
            conn, _ = server.accept()
            client.sendall(b"hi")
            assert conn.recv(2) == b"hi"
            for s in (client, conn, server):
                s.close()

        def test_loopback_forms():
            for host in ("127.0.0.1", "127.1.2.3", "::1", "localhost"):
                socket.getaddrinfo(host, 80)
            udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            udp.sendto(b"x", ("127.0.0.1", 9))

        def test_unix_socket_is_this_machine():
            sock = socket.socket(socket.AF_UNIX)
            assert sock.connect_ex("/nonexistent/app.sock") != 0

        def test_other_machine():
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(("192.0.2.10", 443))

        def test_remote_name():
            socket.getaddrinfo("api.example.com", 443)

        def test_remote_datagram():
            udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            udp.sendto(b"x", ("192.0.2.10", 53))
        """
    )
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(passed=3, failed=3)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_other_machine - *TC001 network access: connect to 192.0.2.10:443",
            "FAILED *test_remote_name - *TC001 network access: DNS lookup of 'api.example.com'",
            "FAILED *test_remote_datagram - *TC001 network access: send a datagram to 192.0.2.10:53",
        ]
    )
    result.stdout.fnmatch_lines(
        ["*| How to fix: A medium test may only reach this machine (127.0.0.0/8, ::1, localhost)*"]
    )


def test_large_xlarge_and_unsized_tests_may_reach_any_machine(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import socket
        import pytest

        def reach_out():
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(("192.0.2.10", 443))
            socket.socket().bind(("0.0.0.0", 0))

        @pytest.mark.large
        def test_large():
            reach_out()

        @pytest.mark.xlarge
        def test_xlarge():
            reach_out()

        def test_unsized():
            reach_out()
        """
    )
    result = run_isolated("strict")
    result.assert_outcomes(passed=3)
    result.stdout.no_fnmatch_line("*TC00*")


def test_a_lookup_made_in_an_executor_thread_counts_for_the_test(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.mark.small
        def test_lookup_off_the_main_thread():
            async def main():
                await asyncio.get_running_loop().getaddrinfo("localhost", 80)
            asyncio.run(main())
        """
    )
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["FAILED *test_lookup_off_the_main_thread - *DNS lookup of 'localhost' (in thread asyncio_0)"]
    )


def test_event_loops_still_start_in_small_tests(pytester: pytest.Pytester, run_isolated: RunIsolated) -> None:
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        pytestmark = pytest.mark.small

        @pytest.mark.asyncio
        async def test_pytest_asyncio_loop():
            await asyncio.sleep(0.01)
            assert asyncio.get_running_loop().is_running()

        @pytest.mark.asyncio(loop_scope="module")
        async def test_module_scoped_loop():
            await asyncio.sleep(0)

        def test_asyncio_run():
            assert asyncio.run(asyncio.sleep(0, result=42)) == 42

        def test_new_loop_and_socketpair():
            import socket
            a, b = socket.socketpair()
            a.sendall(b"x")
            assert b.recv(1) == b"x"
            loop = asyncio.new_event_loop()
            loop.close()

        FALLBACK = (
            "import socket as _socket\\n"
            "def socketpair():\\n"
            "    listener = _socket.socket()\\n"
            "    listener.bind(('127.0.0.1', 0))\\n"
            "    listener.listen()\\n"
            "    client = _socket.socket()\\n"
            "    client.connect(listener.getsockname())\\n"
            "    server, _ = listener.accept()\\n"
            "    listener.close()\\n"
            "    return server, client\\n"
        )

        def test_socketpair_built_from_loopback_where_there_is_no_native_one():
            # what Python's socket module does on platforms without socketpair (Windows)
            namespace = {"__name__": "socket"}
            exec(FALLBACK, namespace)
            a, b = namespace["socketpair"]()
            a.sendall(b"y")
            assert b.recv(1) == b"y"

        @pytest.mark.anyio
        async def test_anyio_loop():
            import anyio
            await anyio.sleep(0)

        @pytest.fixture
        def anyio_backend():
            return "asyncio"
        """
    )
    result = run_isolated(
        "strict",
        "-o",
        "asyncio_default_fixture_loop_scope=function",
        extra=("asyncio", "anyio.pytest_plugin"),
    )
    result.assert_outcomes(passed=6)
    assert listed(result) == []
    result.stdout.no_fnmatch_line("*TC00*")


RESPX_SUITE = """
import httpx
import pytest
import respx

pytestmark = pytest.mark.small

@pytest.mark.asyncio
@respx.mock
async def test_async_client_against_a_mocked_api():
    route = respx.post("https://api.example.com/users").respond(json={"id": 42}, status_code=201)
    async with httpx.AsyncClient() as client:
        response = await client.post("https://api.example.com/users", json={"name": "Bob"})
    assert response.status_code == 201
    assert route.called
    assert b'"name":"Bob"' in route.calls[0].request.content

def test_sync_client_against_a_mocked_api():
    with respx.mock(base_url="https://api.example.com") as mock:
        mock.get("/health").respond(json={"ok": True})
        with httpx.Client(base_url="https://api.example.com") as client:
            assert client.get("/health").json() == {"ok": True}

@pytest.mark.asyncio
@respx.mock
async def test_mocked_network_error():
    respx.get("https://api.example.com/down").mock(side_effect=httpx.ConnectError("refused"))
    async with httpx.AsyncClient() as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("https://api.example.com/down")
"""


def test_respx_mocked_http_opens_no_socket_and_passes_in_small_tests(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(RESPX_SUITE)
    pytester.makeconftest(
        """
        import sys

        EVENTS = []

        def watch(event, args):
            if event.startswith("socket.") and event != "socket.__new__":
                EVENTS.append(event)

        sys.addaudithook(watch)

        def pytest_terminal_summary(terminalreporter):
            terminalreporter.line(f"socket events: {sorted(set(EVENTS))}")
        """
    )
    result = run_isolated("strict", "-o", "asyncio_default_fixture_loop_scope=function", extra=("asyncio",))
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["socket events: []"])


def test_unmocked_http_in_a_small_test_is_caught_at_the_lookup(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import httpx
        import pytest

        @pytest.mark.small
        def test_forgot_to_mock():
            httpx.get("https://api.example.com/users/1")
        """
    )
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["FAILED *test_forgot_to_mock - *TC001 network access: DNS lookup of 'api.example.com'"]
    )
