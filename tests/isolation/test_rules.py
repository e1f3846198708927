"""The pure parts: telling addresses and paths apart, advice per code, and the gate's stack."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

from pytest_test_categories_core import CODES, TestSize
from pytest_test_categories_isolation import EMITTED_CODES, addresses, how_to_fix
from pytest_test_categories_isolation.addresses import database_socket, is_numeric, is_this_machine
from pytest_test_categories_isolation.gate import NO_RULES, Gate
from pytest_test_categories_isolation.readable_paths import ReadablePaths
from pytest_test_categories_isolation.rules import MEDIUM_RULES, SMALL_RULES, rules_for, sqlite_connect

pytestmark = pytest.mark.small


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "[::1]",
        "::1%lo",
        "::ffff:127.0.0.1",
        "localhost",
        "LOCALHOST.",
        "api.localhost",
        "0.0.0.0",
        "",
    ],
)
def test_this_machine(host: str) -> None:
    assert is_this_machine(host)


@pytest.mark.parametrize(
    "host", ["10.0.0.1", "192.0.2.1", "2001:db8::1", "example.com", "localhost.example.com"]
)
def test_other_machines(host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(addresses, "_own_addresses_found", [frozenset()])  # no lookup in a small test
    assert not is_this_machine(host)


def test_own_hostname_is_this_machine() -> None:
    assert is_this_machine(socket.gethostname())


def test_the_addresses_of_the_own_hostname_are_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    # A container: /etc/hosts maps the host's name to its own address, not to loopback.
    looked_up: list[object] = []

    def getaddrinfo(host: object, port: object) -> list[tuple[object, ...]]:
        looked_up.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.0.2.2", 0))]

    monkeypatch.setattr(socket, "gethostname", lambda: "Box")
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(addresses, "_hostname", [])
    monkeypatch.setattr(addresses, "_own_addresses_found", [])
    assert is_this_machine("box")
    assert is_this_machine("192.0.2.2")
    assert is_this_machine("::ffff:192.0.2.2")
    assert not is_this_machine("192.0.2.3")
    assert looked_up == ["box"]  # once, then remembered


@pytest.mark.parametrize(
    ("host", "numeric"), [(None, True), ("10.1.2.3", True), (b"::1", True), ("db", False)]
)
def test_numeric_hosts_need_no_lookup(host: object, numeric: bool) -> None:
    assert is_numeric(host) is numeric


@pytest.mark.parametrize(
    ("path", "database"),
    [
        ("/var/run/postgresql/.s.PGSQL.5432", "PostgreSQL"),
        ("/run/mysqld/mysqld.sock", "MySQL"),
        ("/tmp/redis.sock", "Redis"),
        ("/var/run/docker.sock", None),
    ],
)
def test_database_sockets(path: str, database: str | None) -> None:
    assert database_socket(path) == database


@pytest.mark.parametrize(
    ("database", "finding"),
    [
        (":memory:", None),
        ("", None),
        ("file::memory:?cache=shared", None),
        ("file:shared?mode=memory&cache=shared", None),
        ("app.db", ("TC004", "open the SQLite database file app.db")),
        (Path("data") / "x.sqlite", ("TC004", f"open the SQLite database file data{os.sep}x.sqlite")),
    ],
)
def test_sqlite_in_memory_or_on_disk(database: object, finding: tuple[str, str] | None) -> None:
    assert sqlite_connect((database,), ReadablePaths(Path.cwd())) == finding


def test_readable_paths(tmp_path_factory: pytest.TempPathFactory) -> None:
    project = Path(__file__).resolve().parents[2]
    paths = ReadablePaths(project)
    assert paths.allows(str(project / "pyproject.toml"))
    assert paths.allows(str(project))
    assert paths.allows(os.__file__)  # the standard library
    assert paths.allows(pytest.__file__)  # site-packages
    assert paths.allows(os.devnull)
    assert not paths.allows(str(project) + "-sibling/file.txt")
    assert not paths.allows("/etc/passwd" if sys.platform != "win32" else "C:\\Windows\\win.ini")


def test_every_code_has_advice_for_small_and_medium_tests() -> None:
    assert set(EMITTED_CODES) == {"TC001", "TC002", "TC003", "TC004", "TC005"}
    for code in EMITTED_CODES:
        assert code in CODES
        assert "@pytest.mark.medium" in how_to_fix(code, TestSize.SMALL)
    assert "@pytest.mark.large" in how_to_fix("TC001", TestSize.MEDIUM)
    assert "@pytest.mark.large" in how_to_fix("TC004", TestSize.MEDIUM)


def test_tables_by_size() -> None:
    assert rules_for(TestSize.SMALL) is SMALL_RULES
    assert rules_for(TestSize.MEDIUM) is MEDIUM_RULES
    for size in (TestSize.LARGE, TestSize.XLARGE, None):
        assert rules_for(size) is NO_RULES
    assert set(MEDIUM_RULES) < set(SMALL_RULES)
    assert {"open", "subprocess.Popen", "time.sleep", "sqlite3.connect"}.isdisjoint(MEDIUM_RULES)


class _Scope:
    def check(self, rule: object, args: tuple[object, ...]) -> None:
        raise AssertionError("never called in this test")


def test_gate_nests_and_restores() -> None:
    gate = Gate()
    outer, inner = _Scope(), _Scope()
    first = gate.enter(MEDIUM_RULES, outer)
    second = gate.enter(SMALL_RULES, inner)
    assert (gate.rules, gate.scope) == (SMALL_RULES, inner)
    gate.leave(second)
    assert (gate.rules, gate.scope) == (MEDIUM_RULES, outer)
    gate.leave(first)
    assert (gate.rules, gate.scope, gate.depth) == (NO_RULES, None, 0)


def test_gate_leave_drops_what_an_inner_level_forgot() -> None:
    gate = Gate()
    outer = _Scope()
    depth = gate.enter(MEDIUM_RULES, outer)
    gate.enter(SMALL_RULES, _Scope())  # never left, as if an inner session crashed
    gate.leave(depth)
    assert (gate.rules, gate.scope, gate.depth) == (NO_RULES, None, 0)
    gate.leave(depth)  # a second leave is harmless
    assert gate.depth == 0
